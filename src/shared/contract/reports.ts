import { z } from 'zod'
import { method } from './define'
import { id, isoDate } from './fields'

/** The longest range one report covers, in days (both ends included): a year, leap or not. */
export const REPORT_MAX_DAYS = 366

export const REPORT_PERIODS = ['day', 'week', 'month'] as const
export type ReportPeriod = (typeof REPORT_PERIODS)[number]

/** What the rows of a report are split by besides the period; `none` = the whole clinic (or the filter). */
export const REPORT_GROUPINGS = ['doctor', 'department', 'source', 'none'] as const
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number]

/**
 * How an appointment came in, for the report: `appointments.source` (PHONE, WALK_IN), except that
 * a booking beyond the band's own quota (`is_extra`, 加号) is its own source, EXTRA, whichever way
 * it was made: the manager asks how many 加号 there were, not how they were phoned in.
 */
export const REPORT_SOURCES = ['PHONE', 'WALK_IN', 'EXTRA'] as const
export type ReportSource = (typeof REPORT_SOURCES)[number]

/** Days from `from` to `to`, both included (0 or less when inverted). */
export const spanDays = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1

/**
 * The range rule every report and export input shares, as a zod refinement: INVALID_INPUT on `to`
 * when the range ends before it begins, or covers more than `maxDays` ("a report covers at most …").
 */
export const rangeOfAtMost =
  (maxDays: number, what: 'a report' | 'an export') =>
  (v: { from: string; to: string }, ctx: z.RefinementCtx): void => {
    const days = spanDays(v.from, v.to)
    if (days < 1)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the range ends before it begins' })
    else if (days > maxDays)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `${what} covers at most ${maxDays} days`,
      })
  }

export const ReportInput = z
  .strictObject({
    /** First and last day of the range (clinic days, both included). */
    from: isoDate,
    to: isoDate,
    period: z.enum(REPORT_PERIODS),
    by: z.enum(REPORT_GROUPINGS).default('none'),
    /** Only this doctor's figures. A doctor's own call is always narrowed to themselves. */
    doctorId: id.optional(),
    /** Only this department's doctors. */
    departmentId: id.optional(),
    /** Only appointments of this source (EXTRA = 加号). Places offered have no source: utilisation ignores it. */
    source: z.enum(REPORT_SOURCES).optional(),
  })
  .superRefine(rangeOfAtMost(REPORT_MAX_DAYS, 'a report'))

/** What a screen sends (by may be left out). */
export type ReportInput = z.input<typeof ReportInput>

const count = z.number().int().nonnegative()
/** Seconds, by nearest rank over the group's durations; null when the group has none. */
const seconds = z.number().nullable()

export const DurationFigures = z.object({
  /** How many durations the figures are over. */
  n: count,
  median: seconds,
  p90: seconds,
})

/** One row of a report: one period (its first day) and one group key. */
export const ReportRow = z.object({
  /** YYYY-MM-DD: the day, the week's Monday (or the range's first day) or the month's first day (or the range's). */
  period: isoDate,
  /** The doctor's or department's id, the source ('PHONE', 'WALK_IN', 'EXTRA'), or null for `none`. */
  key: z.union([z.number().int(), z.string()]).nullable(),
  /** Phone bookings within the band's own quota, any status (canceled ones included). */
  bookings: count,
  /** Walk-in registrations within the band's own quota, any status. */
  walkIns: count,
  /** 加号: appointments beyond the band's own quota (is_extra), any status. */
  extras: count,
  completed: count,
  noShows: count,
  /** noShows / appointments that held a place (every status but CANCELED); null when none. */
  noShowRate: z.number().nullable(),
  canceled: count,
  /** Cancellations by their reason ('' when none was given), most frequent first. */
  cancellations: z.array(z.object({ reason: z.string(), count })),
  /** Check-in → call (the latest, when re-called). */
  wait: DurationFigures,
  /** Start → finish of the visit. */
  visit: DurationFigures,
})
export type ReportRow = z.infer<typeof ReportRow>

export const UtilisationRow = z.object({
  period: isoDate,
  /** The doctor's or department's id; null for `none` and for `source` (places have no source). */
  key: z.number().int().nullable(),
  /** Places in bands that were open (not CLOSED): the sum of their quotas. */
  offered: count,
  /** Places held (every appointment but a canceled one). */
  used: count,
  unused: count,
})
export type UtilisationRow = z.infer<typeof UtilisationRow>

export const ReportSummary = z.object({
  from: isoDate,
  to: isoDate,
  period: z.enum(REPORT_PERIODS),
  by: z.enum(REPORT_GROUPINGS),
  /** The doctor the figures are narrowed to (a doctor's own call), else the filter asked for. */
  doctorId: id.nullable(),
  departmentId: id.nullable(),
  source: z.enum(REPORT_SOURCES).nullable(),
  /** The first day of every period in the range, in order: rows exist only where something happened. */
  periods: z.array(isoDate),
  rows: z.array(ReportRow),
  utilisation: z.array(UtilisationRow),
  /** Demand (appointments that held a place) by ISO weekday (1 = Monday) × the hour its band starts. */
  heatMap: z.array(z.object({ weekday: z.number().int(), hour: z.number().int(), count })),
  /** Distinct patients with a place held in the range; new = none held before `from`. */
  patients: z.object({ total: count, new: count, returning: count }),
})
export type ReportSummary = z.infer<typeof ReportSummary>

export const reportMethods = {
  'reports.summary': method({
    summary:
      "A range's figures by period and group: bookings, walk-ins, completions, cancellations by reason, no-shows and rate, waits and visit lengths (median, p90), utilisation, a weekday × hour heat map, new and returning patients. Live and archived appointments both count; a doctor sees only their own.",
    input: ReportInput,
    result: ReportSummary,
    roles: ['admin', 'doctor'],
    owner: { field: 'doctorId' },
  }),
}
