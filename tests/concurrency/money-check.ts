import type BetterSqlite3 from 'better-sqlite3'
import type pg from 'pg'
import { expect } from 'vitest'
import type { Client } from '../../src/main/host/client'
import type { Caller } from '../../src/shared/roles'
import { brokenLink } from './audit-link'
import { closeLine, EXPECTED_CODES, payLine, refundLine, type TriedMethod } from './money-desk'

/** What the desks were told (each line after the host answered ok): promises the file must keep. */
export interface MoneyAcks {
  readonly payments: Map<number, { amountFen: number; shiftId: number }>
  readonly refunds: Map<number, { amountFen: number; paymentId: number }>
  /** Shift id → the closed sheet's total and nets by method, as the closing desk saw them. */
  readonly closes: Map<number, { totalFen: number; nets: Record<string, number> }>
  /** Pays, refunds and closes sent ("T" lines), with their code once answered ("A"): the rest are in doubt. */
  readonly tries: Map<string, Tried>
}

export interface Tried {
  readonly caller: Caller
  readonly method: TriedMethod
  readonly input: Record<string, unknown>
  code?: string
}

/** The fields of a P, R or X line (each kind has its own few). */
interface AckLine {
  id: number
  amountFen: number
  shiftId: number
  paymentId: number
  totalFen: number
  nets: Record<string, number>
}

export const noAcks = (): MoneyAcks => ({
  payments: new Map(),
  refunds: new Map(),
  closes: new Map(),
  tries: new Map(),
})

/**
 * A desk's "P|R|X <json>" line into the acks (money-race-worker, money-storm print them).
 * Returns false for any other line; "T" and "A" lines go into `tries`.
 */
export function readAck(acks: MoneyAcks, line: string): boolean {
  const [kind, json] = [line[0], line.slice(2)]
  if (line[1] !== ' ' || !json.startsWith('{')) return false
  if (kind === 'T' || kind === 'A') {
    const t = JSON.parse(json) as Tried & { try: string }
    if (kind === 'T') acks.tries.set(t.try, { caller: t.caller, method: t.method, input: t.input })
    else {
      const sent = acks.tries.get(t.try)
      if (sent) sent.code = t.code
    }
    return false
  }
  const v = JSON.parse(json) as AckLine
  if (kind === 'P') acks.payments.set(v.id, { amountFen: v.amountFen, shiftId: v.shiftId })
  else if (kind === 'R') acks.refunds.set(v.id, { amountFen: v.amountFen, paymentId: v.paymentId })
  else if (kind === 'X') acks.closes.set(v.shiftId, { totalFen: v.totalFen, nets: v.nets })
  else return false
  return true
}

interface PaymentRow {
  id: number
  appointment_id: number
  shift_id: number
  receipt_no: number
  due_fen: number
  amount_fen: number
  carried_fen: number
  carried_from: number | null
  live_guard: number | null
  refunded: number
}
interface ShiftRow {
  id: number
  opening_float_fen: number
  closed_at: string | null
  total_fen: number | null
  expected_cash_fen: number | null
}

/** Runs one SELECT on the database under test: a SQLite file or a PostgreSQL database. */
export type Sql = (query: string) => Promise<unknown[]>

export const sqliteSql =
  (db: BetterSqlite3.Database): Sql =>
  async (query) =>
    db.prepare(query).all()

/** The same over node-postgres: counts and sums come back as bigint strings, made numbers here. */
export const pgSql =
  (client: pg.Client): Sql =>
  async (query) =>
    (await client.query(query)).rows.map((row: Record<string, unknown>) =>
      Object.fromEntries(
        // No text column these checks read is only digits.
        Object.entries(row).map(([k, v]) => [
          k,
          typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v,
        ]),
      ),
    )

/** The SQLite file itself is sound: its pages, and the audit chain row by row. */
export function expectSqliteSound(db: BetterSqlite3.Database): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(brokenLink(db), 'audit chain').toBeUndefined()
}

const all = async <T>(sql: Sql, q: string): Promise<T[]> => (await sql(q)) as T[]

/** The numbers of one kind run 1…last_no, each once: a rolled-back write gave its number back. */
async function expectGapless(sql: Sql, table: string, column: string, kind: string) {
  const [numbers] = await all<{ n: number; uniq: number; top: number }>(
    sql,
    `SELECT count(*) AS n, count(DISTINCT ${column}) AS uniq, coalesce(max(${column}), 0) AS top FROM ${table}`,
  )
  const [counter] = await all<{ last_no: number }>(
    sql,
    `SELECT last_no FROM money_counters WHERE kind = '${kind}'`,
  )
  const last = counter?.last_no
  expect(numbers, `${table}.${column} unique and gapless`).toEqual({
    n: last,
    uniq: last,
    top: last,
  })
}

/**
 * Issue 17's invariants, read straight from the database: no appointment holds more than one
 * fee, no payment gives back more than it took, each shift's frozen total is its rows' sum (so no
 * money joined it after the close), every money row and close is audited,
 * receipt and refund numbers are gapless, and everything acknowledged is there exactly as told.
 * Plain SQL both engines read alike; the chain itself is checked per engine (expectSqliteSound,
 * audit.verify).
 */
export async function expectMoneyExact(sql: Sql, acks: MoneyAcks = noAcks()) {
  const payments = await all<PaymentRow>(
    sql,
    `SELECT p.*, (SELECT coalesce(sum(r.amount_fen), 0) FROM refunds r WHERE r.payment_id = p.id) AS refunded FROM payments p`,
  )
  const byId = new Map(payments.map((p) => [p.id, p]))
  const held = (p: PaymentRow) => p.amount_fen + p.carried_fen - p.refunded
  for (const p of payments) {
    expect(held(p), `payment ${p.id} refunded more than it holds`).toBeGreaterThanOrEqual(0)
    if (p.live_guard === 1) {
      expect(held(p), `payment ${p.id} holds more than its fee`).toBeLessThanOrEqual(p.due_fen)
      continue
    }
    // A payment that stopped standing was refunded in full or handed what it held to its successor.
    const next = payments.filter((q) => q.carried_from === p.id)
    expect(next.length, `payment ${p.id} superseded more than once`).toBeLessThanOrEqual(1)
    expect(held(p), `payment ${p.id} stopped standing still holding money`).toBe(
      next[0]?.carried_fen ?? 0,
    )
  }
  // Per appointment: what came in minus what went out is what its standing payment holds.
  const appointments = new Map<number, PaymentRow[]>()
  for (const p of payments)
    appointments.set(p.appointment_id, [...(appointments.get(p.appointment_id) ?? []), p])
  for (const [id, rows] of appointments) {
    const standing = rows.filter((p) => p.live_guard === 1)
    expect(standing.length, `appointment ${id} paid twice`).toBeLessThanOrEqual(1)
    const net = rows.reduce((s, p) => s + p.amount_fen - p.refunded, 0)
    expect(net, `appointment ${id}: money in − out`).toBe(standing[0] ? held(standing[0]) : 0)
  }

  // Per shift and method, from the rows: the closed shifts' frozen figures must be these.
  const nets = new Map<number, Record<string, number>>()
  const add = (shift: number, method: string, fen: number) => {
    const m = nets.get(shift) ?? {}
    m[method] = (m[method] ?? 0) + fen
    nets.set(shift, m)
  }
  for (const r of await all<{ shift_id: number; method: string; fen: number }>(
    sql,
    'SELECT shift_id, method, sum(amount_fen) AS fen FROM payments GROUP BY 1, 2',
  ))
    add(r.shift_id, r.method, r.fen)
  for (const r of await all<{ shift_id: number; method: string; fen: number }>(
    sql,
    'SELECT shift_id, method, -sum(amount_fen) AS fen FROM refunds GROUP BY 1, 2',
  ))
    add(r.shift_id, r.method, r.fen)
  const shifts = await all<ShiftRow>(sql, 'SELECT * FROM cash_shifts')
  const sum = (m: Record<string, number>) => Object.values(m).reduce((s, n) => s + n, 0)
  for (const s of shifts) {
    if (s.closed_at === null) continue
    const m = nets.get(s.id) ?? {}
    expect(s.total_fen, `closed shift ${s.id}: total = payments − refunds`).toBe(sum(m))
    expect(s.expected_cash_fen, `closed shift ${s.id}: float + cash`).toBe(
      s.opening_float_fen + (m.CASH ?? 0),
    )
  }
  for (const [shiftId, told] of acks.closes) {
    const s = shifts.find((x) => x.id === shiftId)
    expect(s?.closed_at, `acknowledged close of shift ${shiftId}`).not.toBeNull()
    expect(s?.total_fen).toBe(told.totalFen)
    expect(told.totalFen, `shift ${shiftId}: its sheet's methods add up`).toBe(sum(told.nets))
    expect(nets.get(shiftId) ?? {}, `shift ${shiftId} by method`).toEqual(told.nets)
  }

  // Acknowledged rows are there once, as told; a refund never without its payment.
  for (const [id, told] of acks.payments) {
    const p = byId.get(id)
    expect(
      p && { amountFen: p.amount_fen, shiftId: p.shift_id },
      `acknowledged payment ${id}`,
    ).toEqual(told)
  }
  const refunds = new Map(
    (
      await all<{ id: number; payment_id: number; amount_fen: number }>(
        sql,
        'SELECT * FROM refunds',
      )
    ).map((r) => [r.id, r]),
  )
  for (const r of refunds.values())
    expect(byId.has(r.payment_id), `refund ${r.id} without its payment`).toBe(true)
  for (const [id, told] of acks.refunds) {
    const r = refunds.get(id)
    expect(
      r && { amountFen: r.amount_fen, paymentId: r.payment_id },
      `acknowledged refund ${id}`,
    ).toEqual(told)
  }

  // Every money row and every close has its audit row (same transaction), on an unbroken chain.
  const unaudited = await all(
    sql,
    `SELECT 'payment' AS e, id FROM payments p WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'payment' AND l.entity_id = p.id)
     UNION ALL SELECT 'refund', id FROM refunds r WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'refund' AND l.entity_id = r.id)
     UNION ALL SELECT 'open', id FROM cash_shifts s WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'cash_shift' AND l.entity_id = s.id)
     UNION ALL SELECT 'close', id FROM cash_shifts s WHERE s.closed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'cash_shift' AND l.entity_id = s.id AND l.action = 'shifts.close')`,
  )
  expect(unaudited).toEqual([])
  await expectGapless(sql, 'payments', 'receipt_no', 'RECEIPT')
  await expectGapless(sql, 'refunds', 'refund_no', 'REFUND')
  return {
    payments: payments.length,
    refunds: refunds.size,
    shifts: shifts.length,
    closed: shifts.filter((s) => s.closed_at !== null).length,
  }
}

/**
 * Retries every pay, refund and close left in doubt (sent, and no answer came, or INTERNAL: the
 * server went away, maybe after COMMIT) through `client`, a fresh host on the crashed database, as
 * the same caller with the same input, as a desk would once its screen is back; then forgets the
 * tries. A stored pay answers ALREADY_PAID naming the standing payment it made (or STALE: the fee
 * due moved, nothing written); a stored refund, by its submission key, answers that same refund
 * (nothing more given back); a stored close answers SHIFT_CLOSED. A retry that goes through is
 * acknowledged like any.
 */
export async function retryInDoubt(
  client: Client,
  sql: Sql,
  acks: MoneyAcks,
  limit = 40,
): Promise<{ retried: number; stored: number }> {
  const doubt = [...acks.tries.values()].filter(
    (t) => t.code === undefined || t.code === 'INTERNAL',
  )
  acks.tries.clear()
  let stored = 0
  for (const t of doubt.slice(0, limit)) {
    if (t.method === 'payments.pay') {
      const input = t.input as { appointmentId: number } & Record<string, unknown>
      const [standing] = await all<{ id: number }>(
        sql,
        `SELECT id FROM payments WHERE appointment_id = ${Number(input.appointmentId)} AND live_guard = 1`,
      )
      const r = await client.call(t.caller, 'payments.pay', input as never)
      if (r.ok) readAck(acks, payLine(r.value.payment))
      else {
        expect(r.error.code, `retry of a pay: ${r.error.message}`).not.toBe('INTERNAL')
        expect(EXPECTED_CODES.has(r.error.code), `retry of a pay: ${r.error.code}`).toBe(true)
        if (r.error.code === 'ALREADY_PAID') {
          stored++
          expect(r.error.details?.paymentId, 'ALREADY_PAID names the standing payment').toBe(
            standing?.id,
          )
        }
      }
    } else if (t.method === 'payments.refund') {
      const input = t.input as { idempotencyKey: string } & Record<string, unknown>
      const [made] = await all<{ id: number }>(
        sql,
        `SELECT id FROM refunds WHERE idempotency_key = '${input.idempotencyKey.replace(/'/g, "''")}'`,
      )
      const r = await client.call(t.caller, 'payments.refund', input as never)
      if (made) {
        stored++
        expect(r.ok && r.value.refund.id, `retry of stored refund ${made.id}`).toBe(made.id)
      } else if (r.ok) readAck(acks, refundLine(r.value.refund))
      else {
        expect(r.error.code, `retry of a refund: ${r.error.message}`).not.toBe('INTERNAL')
        expect(EXPECTED_CODES.has(r.error.code), `retry of a refund: ${r.error.code}`).toBe(true)
      }
    } else {
      const input = t.input as { shiftId: number; countedCashFen: number }
      const [shift] = await all<{ closed_at: string | null }>(
        sql,
        `SELECT closed_at FROM cash_shifts WHERE id = ${Number(input.shiftId)}`,
      )
      const r = await client.call(t.caller, 'shifts.close', input)
      if (shift?.closed_at != null) {
        stored++
        expect(r.ok || r.error.code, `retry of the close of closed shift ${input.shiftId}`).toBe(
          'SHIFT_CLOSED',
        )
      } else {
        expect(r.ok || r.error, `retry of the close of open shift ${input.shiftId}`).toBe(true)
        if (r.ok) readAck(acks, closeLine(r.value))
      }
    }
  }
  return { retried: Math.min(doubt.length, limit), stored }
}
