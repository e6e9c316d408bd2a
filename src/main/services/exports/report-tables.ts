import type { ReportSummary } from '../../../shared/contract/reports'
import type { RevenueSummary } from '../../../shared/contract/revenue'
import type { CsvValue } from '../../../shared/csv'
import type { ReportTable } from '../../../shared/export-input'
import {
  CANCELLATION_COLUMNS,
  GROUP_NAMES,
  HEAT_MAP_COLUMNS,
  REVENUE_COLUMNS,
  SUMMARY_COLUMNS,
  WEEKDAY_NAMES,
  type ExportLanguage,
} from '../../../shared/export-columns'

type Key = ReportSummary['rows'][number]['key'] | RevenueSummary['rows'][number]['key']
/** A row's group as the manager reads it: the doctor's or department's name, the source's word. */
export type KeyName = (key: Key) => string

/** The names of a report's group keys in the file's language; ids the directory lacks stay as #id. */
export function keyNamer(
  by: ReportSummary['by'] | RevenueSummary['by'],
  language: ExportLanguage,
  names: { doctors: ReadonlyMap<number, string>; departments: ReadonlyMap<number, string> },
): KeyName {
  const words = GROUP_NAMES[language]
  return (key) => {
    if (key === null) return words[''] ?? ''
    if (typeof key === 'string') return words[key] ?? key
    const table = by === 'department' ? names.departments : names.doctors
    return table.get(key) ?? `#${key}`
  }
}

/** A report's rows as a table: one record per period and group, its utilisation beside it. */
export function summaryRecords(summary: ReportSummary, name: KeyName): CsvValue[][] {
  const places = new Map(summary.utilisation.map((u) => [`${u.period}|${u.key ?? ''}`, u]))
  return summary.rows.map((r) => {
    const u = places.get(`${r.period}|${typeof r.key === 'number' ? r.key : ''}`)
    return [
      r.period,
      name(r.key),
      r.bookings,
      r.walkIns,
      r.extras,
      r.completed,
      r.noShows,
      r.noShowRate,
      r.canceled,
      r.wait.median,
      r.wait.p90,
      r.visit.median,
      r.visit.p90,
      u?.offered ?? null,
      u?.used ?? null,
      u?.unused ?? null,
    ]
  })
}

export function heatMapRecords(summary: ReportSummary, language: ExportLanguage): CsvValue[][] {
  return summary.heatMap.map((c) => [
    WEEKDAY_NAMES[language][c.weekday - 1] ?? c.weekday,
    `${String(c.hour).padStart(2, '0')}:00`,
    c.count,
  ])
}

export function cancellationRecords(summary: ReportSummary, name: KeyName): CsvValue[][] {
  return summary.rows.flatMap((r) =>
    r.cancellations.map((c) => [r.period, name(r.key), c.reason, c.count]),
  )
}

/** reports.revenue's rows, then the range's total (counts distinct over the range, not the rows' sum). */
export function revenueRecords(
  revenue: RevenueSummary,
  name: KeyName,
  language: ExportLanguage,
): CsvValue[][] {
  const figures = (f: RevenueSummary['total']): CsvValue[] => [
    f.takenFen,
    f.refundedFen,
    f.netFen,
    f.paid,
    f.refunded,
    f.free,
  ]
  return [
    ...revenue.rows.map((r) => [r.period, name(r.key), ...figures(r)]),
    [`${revenue.from} – ${revenue.to}`, TOTAL[language], ...figures(revenue.total)],
  ]
}
const TOTAL: Record<ExportLanguage, string> = { 'zh-CN': '合计', en: 'Total' }

/** The revenue table as a file: its headings, its sheet's name, and its records. */
export const revenueTable = (revenue: RevenueSummary, language: ExportLanguage, name: KeyName) => ({
  header: REVENUE_COLUMNS[language],
  sheet: 'Revenue',
  records: revenueRecords(revenue, name, language),
})

/** One exportable table: its headings, its sheet's name, and its records. */
export function reportTable(
  table: Exclude<ReportTable, 'revenue'>,
  summary: ReportSummary,
  language: ExportLanguage,
  name: KeyName,
): { header: readonly string[]; sheet: string; records: CsvValue[][] } {
  switch (table) {
    case 'summary':
      return {
        header: SUMMARY_COLUMNS[language],
        sheet: 'Report',
        records: summaryRecords(summary, name),
      }
    case 'heatMap':
      return {
        header: HEAT_MAP_COLUMNS[language],
        sheet: 'Heat map',
        records: heatMapRecords(summary, language),
      }
    case 'cancellations':
      return {
        header: CANCELLATION_COLUMNS[language],
        sheet: 'Cancellations',
        records: cancellationRecords(summary, name),
      }
  }
}
