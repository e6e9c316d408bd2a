import type { ReportSummary } from './contract/reports'

/**
 * The reports screen's tables, from one ReportSummary: each chart draws exactly the numbers of the
 * table beside it, so what is printed and what is drawn cannot disagree.
 */

/** Per period, summed over the groups: appointments booked (every source), completed visits, no-shows. */
export function overTime(s: ReportSummary) {
  return s.periods.map((period) => {
    const rows = s.rows.filter((r) => r.period === period)
    const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0)
    return {
      period,
      booked: sum((r) => r.bookings + r.walkIns + r.extras),
      completed: sum((r) => r.completed),
      noShows: sum((r) => r.noShows),
      canceled: sum((r) => r.canceled),
    }
  })
}

/** Per group (summed over periods): the grouping's own table; one row `null` when not grouped. */
export function byGroup(s: ReportSummary) {
  const groups = new Map<
    string,
    {
      key: ReportSummary['rows'][number]['key']
      bookings: number
      walkIns: number
      extras: number
      completed: number
      noShows: number
      canceled: number
    }
  >()
  for (const r of s.rows) {
    const id = String(r.key)
    const g = groups.get(id) ?? {
      key: r.key,
      bookings: 0,
      walkIns: 0,
      extras: 0,
      completed: 0,
      noShows: 0,
      canceled: 0,
    }
    g.bookings += r.bookings
    g.walkIns += r.walkIns
    g.extras += r.extras
    g.completed += r.completed
    g.noShows += r.noShows
    g.canceled += r.canceled
    groups.set(id, g)
  }
  return [...groups.values()]
}

/** Places per period, summed over groups (places have no source). */
export function utilisation(s: ReportSummary) {
  return s.periods.map((period) => {
    const us = s.utilisation.filter((u) => u.period === period)
    const sum = (f: (u: (typeof us)[number]) => number) => us.reduce((n, u) => n + f(u), 0)
    return {
      period,
      offered: sum((u) => u.offered),
      used: sum((u) => u.used),
      unused: sum((u) => u.unused),
    }
  })
}

/** Waits in whole minutes per report row (medians do not add up across groups, so no sums here). */
export function waits(s: ReportSummary) {
  const min = (v: number | null) => (v === null ? null : Math.round(v / 60))
  return s.rows
    .filter((r) => r.wait.n > 0)
    .map((r) => ({
      period: r.period,
      key: r.key,
      n: r.wait.n,
      median: min(r.wait.median),
      p90: min(r.wait.p90),
    }))
}

/** The heat map as a full weekday (1..7) × hour grid over the hours that have any demand. */
export function heatGrid(s: ReportSummary) {
  const hours = [...new Set(s.heatMap.map((c) => c.hour))].sort((a, b) => a - b)
  const at = (weekday: number, hour: number) =>
    s.heatMap.find((c) => c.weekday === weekday && c.hour === hour)?.count ?? 0
  const grid = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    counts: hours.map((h) => at(weekday, h)),
  }))
  return { hours, grid, max: Math.max(0, ...s.heatMap.map((c) => c.count)) }
}
