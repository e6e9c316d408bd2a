import type { ReportSummary } from './contract/reports'

/** A doctor's own figures for the doctor's screen, from one reports.summary answer (by: none). */
export interface OwnFigures {
  readonly seen: number
  readonly noShows: number
  /** Median wait, check-in → call, in whole minutes; null when nobody was called yet. */
  readonly waitMinutes: number | null
}

/**
 * Totals over the summary's rows. With one period (the day, or the month so far) and no
 * grouping there is one row at most, so its median is the range's median, not a mean of medians.
 */
export function ownFigures(summary: ReportSummary): OwnFigures {
  const row = summary.rows[0]
  if (!row) return { seen: 0, noShows: 0, waitMinutes: null }
  return {
    seen: row.completed,
    noShows: row.noShows,
    waitMinutes: row.wait.median === null ? null : Math.round(row.wait.median / 60),
  }
}
