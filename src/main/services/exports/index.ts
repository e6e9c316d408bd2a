import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { ExportJob, exportMethods } from '../../../shared/contract/exports'
import type { ReportInput } from '../../../shared/contract/reports'
import type { RevenueGrouping } from '../../../shared/contract/revenue'
import type { ExportLanguage } from '../../../shared/export-columns'
import type { ReportTable } from '../../../shared/export-input'
import { AppError } from '../../../shared/errors'
import type { HandlersFor, ServiceContext } from '../context'
import type { JobOwner } from './jobs'
import { keyNamer, reportTable, revenueTable } from './report-tables'
import { exportAppointments, exportRecords } from './run'
import type { ExportFormat } from './sinks'

/**
 * The host's `exports/` folder (in its data folder; PostgreSQL has no database file to sit
 * next to), else next to the SQLite file: the host decides where a file goes, never the caller
 * (a WebSocket client must not name a path on the host).
 */
function exportFolder({ exportJobs, snapshots }: ServiceContext): string {
  if (!exportJobs.folder && !snapshots.file)
    throw new AppError('INTERNAL', { message: 'The database has no folder to export into.' })
  const folder = exportJobs.folder ?? join(dirname(snapshots.file), 'exports')
  mkdirSync(folder, { recursive: true })
  return folder
}

/** appointments_2026-03-01_2026-03-31_20261202T140500Z_1a2b3c4d.csv: what, when, and unguessable. */
const fileNameFor = (what: string, from: string, to: string, at: Date, format: string): string =>
  `${what}_${from}_${to}_${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')}_${randomBytes(4).toString('hex')}.${format}`

const placeFor = (ctx: ServiceContext, fileName: string) => ({
  fileName,
  file: join(exportFolder(ctx), fileName),
})

const ownerOf = ({ caller, connection }: ServiceContext): JobOwner => ({ caller, connection })

/**
 * One table of a report as a job: reports.summary called through the dispatcher as the caller
 * (the same figures as the screen's, by its owner rule and narrowing), group keys as names.
 */
function startReportJob(
  ctx: ServiceContext,
  report: ReportInput,
  table: ReportTable,
  file: { format: ExportFormat; language: ExportLanguage; revenueBy?: RevenueGrouping },
): ExportJob {
  const { format, language } = file
  const place = placeFor(
    ctx,
    fileNameFor(`report-${table}`, report.from, report.to, ctx.clock.now(), format),
  )
  return ctx.exportJobs.start(ownerOf(ctx), place, async (target) => {
    const [doctors, departments] = await Promise.all([
      ctx.read.selectFrom('doctors').select(['id', 'name']).execute(),
      ctx.read.selectFrom('departments').select(['id', 'name']).execute(),
    ])
    const namer = (by: Parameters<typeof keyNamer>[0]) =>
      keyNamer(by, language, {
        doctors: new Map(doctors.map((d) => [d.id, d.name])),
        departments: new Map(departments.map((d) => [d.id, d.name])),
      })
    // The same figures as the screen's, by the same methods (their role and owner rules).
    if (table === 'revenue') {
      const revenue = await ctx.client.call(ctx.caller, 'reports.revenue', {
        from: report.from,
        to: report.to,
        period: report.period,
        by: file.revenueBy ?? 'none',
        ...(report.doctorId === undefined ? {} : { doctorId: report.doctorId }),
        ...(report.departmentId === undefined ? {} : { departmentId: report.departmentId }),
      })
      if (!revenue.ok) throw new AppError(revenue.error.code, { message: revenue.error.message })
      const t = revenueTable(revenue.value, language, namer(revenue.value.by))
      return exportRecords(t.header, t.sheet, t.records, { format, language, ...target })
    }
    const summary = await ctx.client.call(ctx.caller, 'reports.summary', report)
    if (!summary.ok) throw new AppError(summary.error.code, { message: summary.error.message })
    const t = reportTable(table, summary.value, language, namer(summary.value.by))
    return exportRecords(t.header, t.sheet, t.records, { format, language, ...target })
  })
}

export const exportHandlers: HandlersFor<typeof exportMethods> = {
  'exports.startAppointments': async (input, ctx) => {
    const { from, to, format, language, unmasked } = input
    const place = placeFor(ctx, fileNameFor('appointments', from, to, ctx.clock.now(), format))
    const doctorIds = input.doctorId === undefined ? null : [input.doctorId]
    // Full ID numbers: the audit row commits BEFORE the job starts, so an unmasked file never
    // exists without it (a failed or canceled export keeps the row: the attempt is what counts).
    // `unmasked` first: the audit screen lists a row's first three fields.
    if (unmasked)
      await ctx.write(async ({ audit }) =>
        audit({
          entity: 'export',
          entityId: null,
          after: {
            unmasked: true,
            kind: 'appointments',
            from,
            to,
            doctorId: input.doctorId ?? null,
            format,
          },
        }),
      )
    return ctx.exportJobs.start(ownerOf(ctx), place, (target) =>
      exportAppointments(
        ctx.reports,
        { from, to, doctorIds, unmasked },
        { format, language, ...target },
      ),
    )
  },

  'exports.startReport': async ({ report, table, format, language, revenueBy }, ctx) =>
    startReportJob(ctx, report, table, { format, language, revenueBy }),

  'exports.startDoctorReport': async (input, ctx) => {
    const { doctorId, from, to, period, table, format, language } = input
    // The contract's owner rule has refused another doctor's id; a doctor's own export is
    // narrowed to the caller here as well, so the file can only ever hold their own figures.
    if (ctx.caller.role === 'doctor' && ctx.caller.doctorId !== doctorId)
      throw new AppError('FORBIDDEN', { message: 'A doctor can export only their own figures.' })
    return startReportJob(ctx, { from, to, period, by: 'none', doctorId }, table, {
      format,
      language,
    })
  },

  'exports.status': async ({ jobId }, ctx) => ctx.exportJobs.status(ownerOf(ctx), jobId),
  'exports.cancel': async ({ jobId }, ctx) => ctx.exportJobs.cancel(ownerOf(ctx), jobId),
  'exports.read': async ({ jobId, offset }, ctx) =>
    ctx.exportJobs.read(ownerOf(ctx), jobId, offset),
}
