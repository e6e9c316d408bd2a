// One cashier's moves at the drawer, shared by money-race-worker.ts (several processes) and
// money-storm.ts (killed -9): pay, pay again, refund part, all or too much, close and open the
// shift. Prints "P|R|X <json>" only once the host has answered ok (after COMMIT): promises the
// database must keep (money-check.ts reads them back). Returns the outcome's code.
// Each pay, refund and close is also announced before it is sent ("T <json>": its try id, caller, method
// and input) and its answer after ("A <json>": try id and code), so a crash test can tell the
// calls left in doubt (no answer, or INTERNAL) and retry them (money-check.ts, retryInDoubt).
import type { Client } from '../../src/main/host/client'
import type {
  Payment,
  PayResult,
  Refund,
  RefundResult,
  ShiftSheet,
} from '../../src/shared/contract/payments'
import type { Result } from '../../src/shared/errors'
import type { Caller } from '../../src/shared/roles'

export type Random = (n: number) => number
export type Print = (line: string) => void

/** A seeded generator, so a failing run can be repeated. */
export function seeded(seed: number): Random {
  return (n) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
}

const METHODS = ['CASH', 'WECHAT', 'ALIPAY', 'CARD'] as const
const codeOf = (r: Result<unknown>): string => (r.ok ? 'OK' : r.error.code)

/** The money writes a crash test retries when their answer was lost. */
export type TriedMethod = 'payments.pay' | 'payments.refund' | 'shifts.close'
let tries = 0
/** Calls a pay, refund or close between its T and A lines (try ids unique across processes). */
async function tried<T>(
  call: Client['call'],
  caller: Caller,
  method: TriedMethod,
  input: Record<string, unknown>,
  print: Print,
): Promise<Result<T>> {
  const id = `${process.pid}-${++tries}`
  print(`T ${JSON.stringify({ try: id, caller, method, input })}`)
  const r = (await call(caller, method, input as never)) as Result<T>
  print(`A ${JSON.stringify({ try: id, code: codeOf(r) })}`)
  return r
}

/** The X line of an acknowledged close (money-check.ts, readAck). */
export function closeLine(sheet: ShiftSheet): string {
  const nets = Object.fromEntries(sheet.byMethod.map((m) => [m.method, m.netFen]))
  return `X ${JSON.stringify({ shiftId: sheet.shift.id, totalFen: sheet.totalFen, nets })}`
}

/** The P line of an acknowledged payment. */
export const payLine = (p: Payment): string =>
  `P ${JSON.stringify({ id: p.id, amountFen: p.amountFen, shiftId: p.shiftId })}`

async function pay(
  call: Client['call'],
  desk: Caller,
  appointmentId: number,
  random: Random,
  print: Print,
) {
  const money = await call(desk, 'payments.forAppointment', { appointmentId })
  if (!money.ok) return [codeOf(money)]
  // Nothing owed: the desk pays anyway, as a double click would (ALREADY_PAID).
  const due = money.value.balanceFen > 0 ? money.value.balanceFen : money.value.quote.totalFen
  const method = METHODS[random(METHODS.length)]!
  const input = {
    appointmentId,
    method,
    expectedFen: due,
    ...(method === 'CASH' ? { tenderedFen: due + random(3) * 500 } : {}),
  }
  const codes: string[] = []
  for (let again = 0; again < 1 + random(2); again++) {
    const r = await tried<PayResult>(call, desk, 'payments.pay', input, print)
    if (r.ok) {
      print(payLine(r.value.payment))
    }
    codes.push(codeOf(r))
  }
  return codes
}

async function refund(
  call: Client['call'],
  desk: Caller,
  appointmentId: number,
  random: Random,
  print: Print,
) {
  const money = await call(desk, 'payments.forAppointment', { appointmentId })
  if (!money.ok) return [codeOf(money)]
  const { payment, heldFen } = money.value
  if (!payment || heldFen === 0) return ['NONE']
  // A third each: all of it, a part, more than it holds (REFUND_EXCEEDS_PAID).
  const kind = random(3)
  const amountFen =
    kind === 0
      ? heldFen
      : kind === 1
        ? heldFen > 1
          ? 1 + random(heldFen - 1)
          : heldFen
        : heldFen + 1 + random(500)
  const input = {
    paymentId: payment.id,
    amountFen,
    reason: 'race',
    idempotencyKey: `refund-${process.pid}-${tries + 1}`,
  }
  const r = await tried<RefundResult>(call, desk, 'payments.refund', input, print)
  if (r.ok) print(refundLine(r.value.refund))
  return [codeOf(r)]
}

/** The R line of an acknowledged refund. */
export const refundLine = (made: Refund): string =>
  `R ${JSON.stringify({ id: made.id, amountFen: made.amountFen, paymentId: made.paymentId })}`

async function close(
  call: Client['call'],
  desk: Caller,
  shiftId: number,
  expectedCashFen: number,
  random: Random,
  print: Print,
) {
  const countedCashFen = Math.max(0, expectedCashFen + random(3) * 100 - 100)
  const r = await tried<ShiftSheet>(call, desk, 'shifts.close', { shiftId, countedCashFen }, print)
  if (r.ok) print(closeLine(r.value))
  return [codeOf(r)]
}

/** One move of a reception desk; the codes of what it called. */
export async function deskStep(
  call: Client['call'],
  desk: Caller,
  appointmentIds: readonly number[],
  random: Random,
  print: Print,
): Promise<string[]> {
  const roll = random(10)
  const appointmentId = appointmentIds[random(appointmentIds.length)]!
  if (roll < 4) return pay(call, desk, appointmentId, random, print)
  if (roll < 8) return refund(call, desk, appointmentId, random, print)
  if (roll < 9) {
    const open = await call(desk, 'shifts.current', {})
    if (!open.ok || open.value === null) return [open.ok ? 'NONE' : codeOf(open)]
    return close(call, desk, open.value.shift.id, open.value.expectedCashFen, random, print)
  }
  return [codeOf(await call(desk, 'shifts.open', { openingFloatFen: random(3) * 10000 }))]
}

/** One move of the admin: closes some desk's open shift, maybe while that desk is taking money. */
export async function adminStep(
  call: Client['call'],
  admin: Caller,
  today: string,
  random: Random,
  print: Print,
): Promise<string[]> {
  const list = await call(admin, 'shifts.list', { from: today, to: today })
  if (!list.ok) return [codeOf(list)]
  const open = list.value.filter((s) => s.closedAt === null)
  if (open.length === 0) return ['NONE']
  const shift = open[random(open.length)]!
  const sheet = await call(admin, 'shifts.get', { shiftId: shift.id })
  if (!sheet.ok) return [codeOf(sheet)]
  return close(call, admin, shift.id, sheet.value.expectedCashFen, random, print)
}

/** What desks may be told under a race: anything else is a bug. */
export const EXPECTED_CODES = new Set([
  'OK',
  'NONE',
  'ALREADY_PAID',
  'REFUND_EXCEEDS_PAID',
  'SHIFT_OPEN',
  'SHIFT_CLOSED',
  'STALE',
])
