import { afterEach, describe, expect, test } from 'vitest'
import type { EngineKind } from '../../src/main/db/units'
import type { Caller } from '../../src/shared/roles'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'
import { moneyClinic } from '../concurrency/money-fixture'

/**
 * Two concurrent calls on the same money. On PostgreSQL they come from two hosts on one
 * database (READ COMMITTED: the service's row locks are what serializes them); on SQLite from one
 * host, whose writes take turns (cross-process races: tests/concurrency/money-race.test.ts).
 */
const hosts: TestHost[] = []
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.dispose()))
})

async function twoHosts(engine: EngineKind) {
  const clinic = await moneyClinic(1)
  hosts.push(clinic.host)
  const a = clinic.host
  const b =
    engine === 'postgres'
      ? await makeTestHost({ clock: clinic.clock, databaseUrl: a.databaseUrl })
      : a
  if (b !== a) hosts.push(b)
  return { a, b, appointmentIds: clinic.appointmentIds }
}

const DESK_2: Caller = { role: 'reception', label: 'test-desk-2' }

async function dueOf(host: TestHost, appointmentId: number): Promise<number> {
  return (await host.must(RECEPTION, 'payments.forAppointment', { appointmentId })).balanceFen
}
const payCard = (host: TestHost, caller: Caller, appointmentId: number, expectedFen: number) =>
  host.call(caller, 'payments.pay', { appointmentId, method: 'WECHAT', expectedFen })
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code)

/** Every closed shift's frozen total against the rows in it now. */
async function closedTotals(host: TestHost) {
  const read = host.database.read
  const shifts = await read
    .selectFrom('cash_shifts')
    .select(['id', 'total_fen'])
    .where('closed_at', 'is not', null)
    .orderBy('id')
    .execute()
  const rows = []
  for (const s of shifts) {
    const sheet = await host.must(ADMIN, 'shifts.get', { shiftId: s.id })
    rows.push({ id: s.id, frozen: Number(s.total_fen), rows: sheet.totalFen })
  }
  return rows
}

forEachEngine((engine) => {
  describe('money under concurrent calls', () => {
    test('pays and a close of the same shift at once: every payment is in the total of the shift it joined', async () => {
      const { a, b, appointmentIds } = await twoHosts(engine)
      for (let round = 0; round < 5; round++) {
        const open = await a.must(RECEPTION, 'shifts.current', {})
        const shiftId = open?.shift.id ?? (await a.must(RECEPTION, 'shifts.open', {})).id
        const mine = appointmentIds.slice(round * 3, round * 3 + 3)
        const dues = await Promise.all(mine.map((id) => dueOf(a, id)))
        const results = await Promise.all([
          ...mine.map((id, i) => payCard(b, RECEPTION, id, dues[i]!)),
          a.call(ADMIN, 'shifts.close', { shiftId, countedCashFen: 0 }),
        ])
        expect(results.map(codeOf)).toEqual(['OK', 'OK', 'OK', 'OK'])
      }
      const totals = await closedTotals(a)
      expect(totals).toHaveLength(5)
      expect(totals.filter((t) => t.frozen !== t.rows)).toEqual([])
      const paid = await a.database.read
        .selectFrom('payments')
        .select((eb) => eb.fn.sum<number>('amount_fen').as('fen'))
        .executeTakeFirstOrThrow()
      const open = await a.must(RECEPTION, 'shifts.current', {})
      expect(totals.reduce((s, t) => s + t.frozen, 0) + (open?.totalFen ?? 0)).toBe(
        Number(paid.fen),
      )
    })

    test('two refunds of one payment at once, each more than half: one is REFUND_EXCEEDS_PAID', async () => {
      const { a, b, appointmentIds } = await twoHosts(engine)
      for (const id of appointmentIds.slice(0, 3)) {
        const paid = await payCard(a, RECEPTION, id, await dueOf(a, id))
        if (!paid.ok) throw new Error(paid.error.code)
        const { id: paymentId, amountFen } = paid.value.payment
        const part = Math.ceil((amountFen * 2) / 3)
        const results = await Promise.all([
          a.call(RECEPTION, 'payments.refund', { paymentId, amountFen: part, reason: 'race' }),
          b.call(DESK_2, 'payments.refund', { paymentId, amountFen: part, reason: 'race' }),
        ])
        expect(results.map(codeOf).sort()).toEqual(['OK', 'REFUND_EXCEEDS_PAID'])
        const money = await a.must(RECEPTION, 'payments.forAppointment', { appointmentId: id })
        expect(money.heldFen).toBe(amountFen - part)
      }
    })

    test('one appointment paid at two desks at once: one payment, the other desk told ALREADY_PAID', async () => {
      const { a, b, appointmentIds } = await twoHosts(engine)
      for (const id of appointmentIds.slice(0, 3)) {
        const due = await dueOf(a, id)
        const results = await Promise.all([
          payCard(a, RECEPTION, id, due),
          payCard(b, DESK_2, id, due),
        ])
        expect(results.map(codeOf).sort()).toEqual(['ALREADY_PAID', 'OK'])
        const rows = await a.database.read
          .selectFrom('payments')
          .select('id')
          .where('appointment_id', '=', id)
          .execute()
        expect(rows).toHaveLength(1)
      }
    })
  })
})
