import type { RevenueFigures, RevenueRow, revenueMethods } from '../../../shared/contract/revenue'
import { PAY_METHODS } from '../../../shared/contract/payments'
import { mustBeDepartment } from './known-department'
import type { HandlersFor } from '../context'
import { readSettings } from '../settings'
import { periodStarts } from './queries'
import { revenueQuery, type RevenueScope } from './revenue-queries'

interface MoneyRow {
  period: string
  key: number | string | null
  taken: number
  given: number
  paid: number
  refunded: number
  free: number
}

/** Engines hand sums and counts back as numbers (the PG reader parses bigint); Number() all the same. */
const figures = (r: MoneyRow | undefined): RevenueFigures => {
  const takenFen = Number(r?.taken ?? 0)
  const refundedFen = Number(r?.given ?? 0)
  return {
    takenFen,
    refundedFen,
    netFen: takenFen - refundedFen,
    paid: Number(r?.paid ?? 0),
    refunded: Number(r?.refunded ?? 0),
    free: Number(r?.free ?? 0),
  }
}

/** Period, then key: ids in number order, methods in the day-end sheet's order (CASH first). */
const rank = (key: RevenueRow['key']): number =>
  typeof key === 'number' ? key : key === null ? 0 : PAY_METHODS.indexOf(key)
const byPeriodThenKey = (a: RevenueRow, b: RevenueRow): number =>
  a.period.localeCompare(b.period) || rank(a.key) - rank(b.key)

/** Issue 17 part 6: revenue by day, doctor, department and method (docs/REPORTS.md, Revenue). */
export const revenueHandlers: HandlersFor<typeof revenueMethods> = {
  'reports.revenue': async (input, { read, reports }) => {
    if (input.departmentId !== undefined) await mustBeDepartment(read, input.departmentId)
    const { timeZone } = await readSettings(read)
    const scope: RevenueScope = {
      from: input.from,
      to: input.to,
      period: input.period,
      by: input.by,
      doctorId: input.doctorId ?? null,
      departmentId: input.departmentId ?? null,
      timeZone,
    }
    const [rows, whole] = (await reports.run([
      revenueQuery(scope, reports.dialect),
      revenueQuery(scope, reports.dialect, true),
    ])) as [MoneyRow[], MoneyRow[]]
    return {
      from: scope.from,
      to: scope.to,
      period: scope.period,
      by: scope.by,
      doctorId: scope.doctorId,
      departmentId: scope.departmentId,
      periods: periodStarts(scope.from, scope.to, scope.period),
      rows: rows
        .map((r) => ({
          period: r.period,
          key: (typeof r.key === 'string' && scope.by !== 'method'
            ? Number(r.key)
            : r.key) as RevenueRow['key'],
          ...figures(r),
        }))
        .sort(byPeriodThenKey),
      total: figures(whole[0]),
    }
  },
}
