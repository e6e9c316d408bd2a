import type { RevenueFigures, RevenueSummary } from './contract/revenue'

const zero = (): RevenueFigures => ({
  takenFen: 0,
  refundedFen: 0,
  netFen: 0,
  paid: 0,
  refunded: 0,
  free: 0,
})

/**
 * Money by period over every key, every period of the range listed (zeros where nothing moved),
 * for the chart. Integer fen sums; visit counts are summed too, so they are per-key counts added
 * up (the range's distinct counts are `total`'s).
 */
export function revenueByPeriod(r: RevenueSummary): ({ period: string } & RevenueFigures)[] {
  const by = new Map(r.periods.map((period) => [period, { period, ...zero() }]))
  for (const row of r.rows) {
    const p = by.get(row.period)
    if (!p) continue
    p.takenFen += row.takenFen
    p.refundedFen += row.refundedFen
    p.netFen += row.netFen
    p.paid += row.paid
    p.refunded += row.refunded
    p.free += row.free
  }
  return [...by.values()]
}
