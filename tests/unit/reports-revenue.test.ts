import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { RevenueFigures, RevenueInput } from '../../src/shared/contract/revenue'
import { ConnectionSession } from '../../src/main/host/connection'
import type { ExportJob } from '../../src/shared/contract/exports'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, RECEPTION, doctorCaller, makeTestHost, type TestHost } from '../helpers/test-host'

/**
 * reports.revenue on money rows built by hand (docs/REPORTS.md, Revenue). Every expected figure
 * is worked out by hand from the tables below, not by running SQL. The clinic is in Asia/Shanghai
 * (UTC+8): an instant's clinic day is its UTC time + 8 h.
 *
 * Range 2026-03-02 (Mon) .. 2026-03-15 (Sun); weeks 03-02 and 03-09. Doctors 1, 2 in department
 * 1; doctor 3 is in department 1 now but was in department 2 when paid (payments record it).
 *
 * Payments  appt doctor dept method  taken  created (UTC)           clinic day   note
 *  1         1    1      1    CASH    3000   03-02 01:00             03-02
 *  2         2    1      1    WECHAT  3000   03-02 15:59:59.999      03-02        last ms of the day
 *  3         3    2      1    ALIPAY  2000   03-02 16:00             03-03        first ms of the next
 *  4         4    2      1    FREE       0   03-03 02:00             03-03        免收 复诊
 *  5         5    3      2    CASH    5000   03-09 02:00             03-09
 *  6         6    1      1    CASH       0   03-10 02:00             03-10        改约 of 1: carries 3000
 *  7         6    1      1    CASH     500   03-10 02:05             03-10        the difference, carries 6's
 *  8         7    3      2    CARD    4000   03-01 15:00             03-01        before the range
 *  9         8    2      1    CASH    2000   03-15 16:00             03-16        after the range
 * 10         9    2      1    FREE       0   03-11 02:00             03-11        改约 of 4 (carried 免收)
 *
 * Refunds  of payment (appt, doctor, dept)  method  amount  created (UTC)   clinic day
 *  1       2 (2, 1, 1)                      WECHAT  3000    03-09 03:00     03-09
 *  2       5 (5, 3, 2)                      CASH    1000    03-09 04:00     03-09
 *  3       5 (5, 3, 2)                      CARD     500    03-12 01:00     03-12
 *  4       8 (7, 3, 2)                      CASH    4000    03-03 03:00     03-03  (paid before the range)
 *  5       3 (3, 2, 1)                      ALIPAY  2000    03-15 16:30     03-16  after the range
 */
let host: TestHost

async function build(h: TestHost): Promise<void> {
  const db = h.database.units.db
  const now = '2026-01-01T00:00:00.000Z'
  await db
    .insertInto('departments')
    .values([
      { id: 1, name: '内科', created_at: now },
      { id: 2, name: '外科', created_at: now },
    ])
    .execute()
  await db
    .insertInto('doctors')
    .values([1, 2, 3].map((id) => ({ id, name: `医生${id}`, department_id: 1, created_at: now })))
    .execute()
  await db
    .insertInto('cash_shifts')
    .values({ id: 1, cashier: 'test-desk', opened_at: now, opening_float_fen: 0 })
    .execute()
  const payment = (
    id: number,
    appointment: number,
    doctor: number,
    department: number,
    method: 'CASH' | 'WECHAT' | 'ALIPAY' | 'CARD' | 'FREE',
    amount: number,
    created: string,
    carried: { from: number; fen: number } | null = null,
    standing = true,
  ) => ({
    id,
    appointment_id: appointment,
    doctor_id: doctor,
    department_id: department,
    visit_date: created.slice(0, 10),
    shift_id: 1,
    receipt_no: id,
    due_fen: amount,
    amount_fen: amount,
    carried_fen: carried?.fen ?? 0,
    carried_from: carried?.from ?? null,
    method,
    free_reason: method === 'FREE' ? '复诊' : null,
    quote: '{}',
    live_guard: standing ? (1 as const) : null,
    cashier: 'test-desk',
    created_at: created,
  })
  await db
    .insertInto('payments')
    .values([
      payment(1, 1, 1, 1, 'CASH', 3000, '2026-03-02T01:00:00.000Z', null, false),
      payment(2, 2, 1, 1, 'WECHAT', 3000, '2026-03-02T15:59:59.999Z', null, false),
      payment(3, 3, 2, 1, 'ALIPAY', 2000, '2026-03-02T16:00:00.000Z'),
      payment(4, 4, 2, 1, 'FREE', 0, '2026-03-03T02:00:00.000Z', null, false),
      payment(5, 5, 3, 2, 'CASH', 5000, '2026-03-09T02:00:00.000Z'),
      payment(6, 6, 1, 1, 'CASH', 0, '2026-03-10T02:00:00.000Z', { from: 1, fen: 3000 }, false),
      payment(7, 6, 1, 1, 'CASH', 500, '2026-03-10T02:05:00.000Z', { from: 6, fen: 3000 }),
      payment(8, 7, 3, 2, 'CARD', 4000, '2026-03-01T15:00:00.000Z', null, false),
      payment(9, 8, 2, 1, 'CASH', 2000, '2026-03-15T16:00:00.000Z'),
      payment(10, 9, 2, 1, 'FREE', 0, '2026-03-11T02:00:00.000Z', { from: 4, fen: 0 }),
    ])
    .execute()
  const refund = (
    id: number,
    paymentId: number,
    method: 'CASH' | 'WECHAT' | 'ALIPAY' | 'CARD',
    amount: number,
    created: string,
  ) => ({
    id,
    payment_id: paymentId,
    shift_id: 1,
    refund_no: id,
    amount_fen: amount,
    method,
    reason: '退号',
    cashier: 'test-desk',
    created_at: created,
  })
  await db
    .insertInto('refunds')
    .values([
      refund(1, 2, 'WECHAT', 3000, '2026-03-09T03:00:00.000Z'),
      refund(2, 5, 'CASH', 1000, '2026-03-09T04:00:00.000Z'),
      refund(3, 5, 'CARD', 500, '2026-03-12T01:00:00.000Z'),
      refund(4, 8, 'CASH', 4000, '2026-03-03T03:00:00.000Z'),
      refund(5, 3, 'ALIPAY', 2000, '2026-03-15T16:30:00.000Z'),
    ])
    .execute()
}

const range = { from: '2026-03-02', to: '2026-03-15' } as const
/** taken, refunded, then visits paid, refunded, free; net = taken − refunded. */
const f = (
  takenFen: number,
  refundedFen: number,
  paid: number,
  refunded: number,
  free: number,
): RevenueFigures => ({
  takenFen,
  refundedFen,
  netFen: takenFen - refundedFen,
  paid,
  refunded,
  free,
})
const revenue = (input: Partial<RevenueInput>) =>
  host.must(ADMIN, 'reports.revenue', { ...range, period: 'month', ...input })
const rowsOf = async (input: Partial<RevenueInput>) =>
  (await revenue(input)).rows.map(({ period, key, ...figures }) => ({ period, key, ...figures }))

/** The revenue table exported as CSV through the export job, as the reports screen fetches it. */
async function exportedCsv(revenueBy: 'method' | 'none'): Promise<string> {
  const window = new ConnectionSession({ kind: 'window', origin: 'window#revenue' })
  const on = async <T>(method: string, params: unknown): Promise<T> => {
    const r = await host.dispatch(ADMIN, method, params, window)
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`)
    return r.value as T
  }
  const started = await on<ExportJob>('exports.startReport', {
    report: { ...range, period: 'month' },
    table: 'revenue',
    revenueBy,
    format: 'csv',
    language: 'zh-CN',
  })
  for (;;) {
    const s = await on<ExportJob>('exports.status', { jobId: started.jobId })
    if (s.state === 'done') break
    if (s.state !== 'running') throw new Error(`export ${s.state}: ${s.error}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  const piece = await on<{ dataBase64: string; eof: boolean }>('exports.read', {
    jobId: started.jobId,
    offset: 0,
  })
  expect(piece.eof).toBe(true)
  return Buffer.from(piece.dataBase64, 'base64').toString('utf8')
}

forEachEngine(() => {
  describe('reports.revenue', () => {
    beforeAll(async () => {
      host = await makeTestHost()
      await build(host)
    })
    afterAll(() => host.dispose())

    test('by day: money on the clinic day it moved, a refund on its own day, cut at the clinic’s midnight', async () => {
      const r = await revenue({ period: 'day' })
      expect(r.periods).toHaveLength(14)
      expect(r.rows).toEqual([
        { period: '2026-03-02', key: null, ...f(6000, 0, 2, 0, 0) },
        { period: '2026-03-03', key: null, ...f(2000, 4000, 1, 1, 1) },
        { period: '2026-03-09', key: null, ...f(5000, 4000, 1, 2, 0) },
        { period: '2026-03-10', key: null, ...f(500, 0, 1, 0, 0) },
        { period: '2026-03-11', key: null, ...f(0, 0, 0, 0, 0) },
        { period: '2026-03-12', key: null, ...f(0, 500, 0, 1, 0) },
      ])
      expect(r.total).toEqual(f(13500, 8500, 5, 3, 1))
      expect(r.rows[1]!.netFen).toBe(-2000)
    })

    test('by week: a visit refunded twice in a week is one refunded visit', async () => {
      expect(await rowsOf({ period: 'week' })).toEqual([
        { period: '2026-03-02', key: null, ...f(8000, 4000, 3, 1, 1) },
        { period: '2026-03-09', key: null, ...f(5500, 4500, 2, 2, 0) },
      ])
    })

    test('by doctor and by department (the one recorded at payment time)', async () => {
      expect(await rowsOf({ by: 'doctor' })).toEqual([
        { period: '2026-03-02', key: 1, ...f(6500, 3000, 3, 1, 0) },
        { period: '2026-03-02', key: 2, ...f(2000, 0, 1, 0, 1) },
        { period: '2026-03-02', key: 3, ...f(5000, 5500, 1, 2, 0) },
      ])
      expect(await rowsOf({ by: 'department' })).toEqual([
        { period: '2026-03-02', key: 1, ...f(8500, 3000, 4, 1, 1) },
        { period: '2026-03-02', key: 2, ...f(5000, 5500, 1, 2, 0) },
      ])
    })

    test('by method, in the day-end sheet’s order: a refund under its own method, 免收 under FREE', async () => {
      expect(await rowsOf({ by: 'method' })).toEqual([
        { period: '2026-03-02', key: 'CASH', ...f(8500, 5000, 3, 2, 0) },
        { period: '2026-03-02', key: 'WECHAT', ...f(3000, 3000, 1, 1, 0) },
        { period: '2026-03-02', key: 'ALIPAY', ...f(2000, 0, 1, 0, 0) },
        { period: '2026-03-02', key: 'CARD', ...f(0, 500, 0, 1, 0) },
        { period: '2026-03-02', key: 'FREE', ...f(0, 0, 0, 0, 1) },
      ])
    })

    test('narrowed to a doctor or a department', async () => {
      const doctor = await revenue({ period: 'week', doctorId: 3 })
      expect(doctor.rows.map(({ period, key, ...x }) => ({ period, key, ...x }))).toEqual([
        { period: '2026-03-02', key: null, ...f(0, 4000, 0, 1, 0) },
        { period: '2026-03-09', key: null, ...f(5000, 1500, 1, 1, 0) },
      ])
      expect(doctor.total).toEqual(f(5000, 5500, 1, 2, 0))
      expect((await revenue({ departmentId: 2 })).total).toEqual(f(5000, 5500, 1, 2, 0))
      expect((await revenue({ departmentId: 1 })).total).toEqual(f(8500, 3000, 4, 1, 1))
    })

    test('exported: the same rows in fen with the methods named, and the total', async () => {
      expect(await exportedCsv('method')).toBe(
        '\uFEFF' +
          [
            '周期,分组,实收(分),退款(分),净收入(分),收费人次,退费人次,免收人次',
            '2026-03-02,现金,8500,5000,3500,3,2,0',
            '2026-03-02,微信,3000,3000,0,1,1,0',
            '2026-03-02,支付宝,2000,0,2000,1,0,0',
            '2026-03-02,银行卡,0,500,-500,0,1,0',
            '2026-03-02,免收,0,0,0,0,0,1',
            '2026-03-02 – 2026-03-15,合计,13500,8500,5000,5,3,1',
            '',
          ].join('\r\n'),
      )
    })

    test('a range with no money: no rows, a zero total', async () => {
      const r = await revenue({ from: '2026-04-01', to: '2026-04-30' })
      expect(r.rows).toEqual([])
      expect(r.total).toEqual(f(0, 0, 0, 0, 0))
    })

    test('refused: not an admin, an inverted or too long range, an unknown department or grouping', async () => {
      for (const caller of [RECEPTION, doctorCaller(1)]) {
        const r = await host.call(caller, 'reports.revenue', { ...range, period: 'day' })
        expect(r.ok ? null : r.error.code).toBe('FORBIDDEN')
      }
      const refused = async (input: Record<string, unknown>) => {
        const r = await host.call(ADMIN, 'reports.revenue', {
          ...range,
          period: 'day',
          ...input,
        } as RevenueInput)
        return r.ok ? null : { code: r.error.code, field: r.error.field }
      }
      expect(await refused({ from: '2026-03-10', to: '2026-03-09' })).toEqual({
        code: 'INVALID_INPUT',
        field: 'to',
      })
      expect(await refused({ to: '2027-03-03' })).toEqual({ code: 'INVALID_INPUT', field: 'to' })
      expect(await refused({ by: 'source' })).toMatchObject({ code: 'INVALID_INPUT', field: 'by' })
      expect(await refused({ departmentId: 99 })).toEqual({
        code: 'NOT_FOUND',
        field: 'departmentId',
      })
    })
  })
})
