import { z } from 'zod'
import { id, isoDate } from './contract/fields'
import { REPORT_MAX_DAYS, REPORT_PERIODS, ReportInput, rangeOfAtMost } from './contract/reports'
import { REVENUE_GROUPINGS } from './contract/revenue'

/**
 * The longest range one appointment export covers, in days: ten years, the whole history a clinic
 * keeps online. Longer than a report's year because an export is streamed (memory does not grow
 * with the range) and the manager's usual ask is "everything".
 */
export const EXPORT_MAX_DAYS = 3660

/**
 * The input `exports.startAppointments` takes for an appointment list (docs/REPORTS.md, Exports):
 * kept beside the report export's input.
 * Errors land on the field, as reports.summary's do.
 */
export const ExportAppointmentsInput = z
  .strictObject({
    from: isoDate,
    to: isoDate,
    doctorId: id.optional(),
    format: z.enum(['csv', 'xlsx']),
    language: z.enum(['zh-CN', 'en']),
    /** Full ID numbers: admin only, and audited. */
    unmasked: z.boolean().default(false),
  })
  .superRefine(rangeOfAtMost(EXPORT_MAX_DAYS, 'an export'))
export type ExportAppointmentsInput = z.infer<typeof ExportAppointmentsInput>

/** The report tables an admin can export, as the reports screen shows them. */
export const REPORT_TABLES = ['summary', 'heatMap', 'cancellations', 'revenue'] as const
export type ReportTable = (typeof REPORT_TABLES)[number]
/** The tables of reports.summary: what a doctor's own export may hold (revenue is admin only). */
export const SUMMARY_TABLES = ['summary', 'heatMap', 'cancellations'] as const

/**
 * A report's table as a file: reports.summary's own input (same range rules), and which table.
 * `revenue` is reports.revenue over the same range, period and doctor/department filters, split
 * by `revenueBy` (its own grouping: by method has no summary counterpart).
 */
export const ExportReportInput = z.strictObject({
  report: ReportInput,
  table: z.enum(REPORT_TABLES),
  revenueBy: z.enum(REVENUE_GROUPINGS).default('none'),
  format: z.enum(['csv', 'xlsx']),
  language: z.enum(['zh-CN', 'en']),
})
export type ExportReportInput = z.infer<typeof ExportReportInput>

/**
 * A doctor's own figures as a file (exports.startDoctorReport): one table of reports.summary for
 * one doctor, by period (the doctor's screen asks for this month by day). `doctorId` is the
 * contract's owner field: a doctor may name only themselves. No patient appears in it.
 */
export const ExportDoctorReportInput = z
  .strictObject({
    doctorId: id,
    from: isoDate,
    to: isoDate,
    period: z.enum(REPORT_PERIODS),
    table: z.enum(SUMMARY_TABLES),
    format: z.enum(['csv', 'xlsx']),
    language: z.enum(['zh-CN', 'en']),
  })
  .superRefine(rangeOfAtMost(REPORT_MAX_DAYS, 'a report'))
export type ExportDoctorReportInput = z.infer<typeof ExportDoctorReportInput>
