import { z } from 'zod'
import { id, isoDate } from './fields'
import { PAY_METHODS } from './payments'
import { method } from './define'
import { REPORT_MAX_DAYS, REPORT_PERIODS, rangeOfAtMost } from './reports'

/** What revenue rows are split by besides the period; `none` = the whole clinic (or the filter). */
export const REVENUE_GROUPINGS = ['doctor', 'department', 'method', 'none'] as const
export type RevenueGrouping = (typeof REVENUE_GROUPINGS)[number]

/** reports.revenue's input: the same range rules as reports.summary (docs/REPORTS.md, Revenue). */
export const RevenueInput = z
  .strictObject({
    /** First and last clinic day (both included) on which money was taken or given back. */
    from: isoDate,
    to: isoDate,
    period: z.enum(REPORT_PERIODS),
    by: z.enum(REVENUE_GROUPINGS).default('none'),
    /** Only this doctor's payments (and the refunds of them). */
    doctorId: id.optional(),
    /** Only payments recorded for this department (the doctor's at payment time). */
    departmentId: id.optional(),
  })
  .superRefine(rangeOfAtMost(REPORT_MAX_DAYS, 'a report'))
export type RevenueInput = z.input<typeof RevenueInput>

const fen = z.number().int()
const count = z.number().int().nonnegative()

/** The money figures of one period and key, or of the whole range (docs/REPORTS.md defines each). */
export const RevenueFigures = z.object({
  /** Money taken (收费) on these days: the receipts' amounts, every method (a 改约 carry-over took none). */
  takenFen: fen,
  /** Money given back (退款) on these days, counted on the refund's own day. */
  refundedFen: fen,
  /** takenFen − refundedFen. */
  netFen: fen,
  /** Visits (appointments) with a receipt that took money on these days. */
  paid: count,
  /** Visits with a refund on these days. */
  refunded: count,
  /** Visits let off (免收) on these days. */
  free: count,
})
export type RevenueFigures = z.infer<typeof RevenueFigures>

export const RevenueRow = RevenueFigures.extend({
  /** The period's first day, as reports.summary's periods. */
  period: isoDate,
  /** The doctor's or department's id, the method ('CASH' … 'FREE'), or null for `none`. */
  key: z.union([z.number().int(), z.enum(PAY_METHODS)]).nullable(),
})
export type RevenueRow = z.infer<typeof RevenueRow>

export const RevenueSummary = z.object({
  from: isoDate,
  to: isoDate,
  period: z.enum(REPORT_PERIODS),
  by: z.enum(REVENUE_GROUPINGS),
  doctorId: id.nullable(),
  departmentId: id.nullable(),
  /** The first day of every period in the range, in order: rows exist only where money moved. */
  periods: z.array(isoDate),
  rows: z.array(RevenueRow),
  /** The whole range and filter at once (its visit counts are distinct over the range). */
  total: RevenueFigures,
})
export type RevenueSummary = z.infer<typeof RevenueSummary>

export const revenueMethods = {
  'reports.revenue': method({
    summary:
      "A range's money by period and by doctor, department or method: taken, refunded (on the refund's day), net, in fen, and the visits paid, refunded and let off (免收). Admin only: a doctor sees whether a patient paid, never the amount.",
    input: RevenueInput,
    result: RevenueSummary,
    roles: ['admin'],
  }),
}
