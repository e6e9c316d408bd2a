import type { TFunction } from 'i18next'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportInput, ReportSummary } from '../../../shared/contract/reports'
import type {
  RevenueGrouping,
  RevenueInput,
  RevenueSummary,
} from '../../../shared/contract/revenue'
import type { AppErrorShape } from '../../../shared/errors'
import { presetRange, type RangePreset } from '../../../shared/report-ranges'
import { useDirectory } from '../../stores/directory'
import { useAdminSettings } from '../stores/settings'
import { reportSummary } from '../stores/reports'
import { FormError } from '../common/FieldError'
import { ReportFilters, sourceLabel, type ReportQuery } from './ReportFilters'
import { ReportSections } from './ReportSections'
import { ReportExport } from './ReportExport'
import { RevenueSection } from './RevenueSection'

/**
 * 统计报表: a range's figures, charted with the numbers beside each chart; printable on A4.
 * Every change of range, grouping or filter asks the host again (a month is a few ms there).
 */
export function ReportsPage() {
  const { t } = useTranslation()
  // The host decides what today is (its clock, the clinic's zone), never this PC.
  const today = useAdminSettings((s) => s.today)
  const { doctors, departments } = useDirectory()
  const [query, setQuery] = useState<ReportQuery>(() => ({
    preset: 'month',
    from: '',
    to: '',
    period: 'day',
    by: 'none',
    doctorId: '',
    departmentId: '',
    source: '',
  }))
  const [summary, setSummary] = useState<ReportSummary | null>(null)
  // 收入 has its own grouping (by payment method has no counterpart among the counts).
  const [revenueBy, setRevenueBy] = useState<RevenueGrouping>('none')
  const [error, setError] = useState<AppErrorShape | null>(null)

  // A preset's range is derived from the host's today (so it follows when the day turns); only
  // a custom range is kept as typed.
  const range =
    query.preset === 'custom'
      ? { from: query.from, to: query.to }
      : today
        ? presetRange(query.preset, today)
        : null
  const shown: ReportQuery = { ...query, ...(range ?? {}) }
  const { from, to } = shown

  // What the page asks the host, and what 导出 exports when a report table is chosen.
  const report: ReportInput | null = useMemo(
    () =>
      from && to
        ? {
            from,
            to,
            period: query.period,
            by: query.by,
            ...(query.doctorId ? { doctorId: Number(query.doctorId) } : {}),
            ...(query.departmentId ? { departmentId: Number(query.departmentId) } : {}),
            ...(query.source ? { source: query.source } : {}),
          }
        : null,
    [from, to, query.period, query.by, query.doctorId, query.departmentId, query.source],
  )

  // 收入 follows the range, period and the doctor and department filters (a source has no money).
  const revenue: Omit<RevenueInput, 'by'> | null = useMemo(
    () =>
      report
        ? {
            from: report.from,
            to: report.to,
            period: report.period,
            ...(report.doctorId === undefined ? {} : { doctorId: report.doctorId }),
            ...(report.departmentId === undefined ? {} : { departmentId: report.departmentId }),
          }
        : null,
    [report],
  )

  useEffect(() => {
    if (!report) return
    let current = true
    void reportSummary(report).then((r) => {
      if (!current) return
      setSummary(r.ok ? r.value : null)
      setError(r.ok ? null : r.error)
    })
    return () => void (current = false)
  }, [report])

  // Custom starts from the range shown; editing a date makes the range custom.
  const onPreset = (preset: RangePreset) => setQuery((q) => ({ ...q, from, to, preset }))
  const label = (key: ReportSummary['rows'][number]['key']): string => {
    if (key === null) return t('reports.all')
    if (summary?.by === 'doctor') return doctors.find((d) => d.id === key)?.name ?? `#${key}`
    if (summary?.by === 'department')
      return departments.find((d) => d.id === key)?.name ?? `#${key}`
    return sourceLabel(t as TFunction, String(key))
  }
  const revenueLabel = (by: RevenueGrouping, key: RevenueSummary['rows'][number]['key']) => {
    if (key === null) return t('reports.all')
    if (by === 'doctor') return doctors.find((d) => d.id === key)?.name ?? `#${key}`
    if (by === 'department') return departments.find((d) => d.id === key)?.name ?? `#${key}`
    return t(`cashier.methods.${String(key)}` as 'cashier.methods.CASH')
  }

  return (
    <div className="stack reports-page print-area" data-testid="reports-page">
      <div className="card-head">
        <h2 data-testid="report-title">
          {t('reports.title')} {from} – {to}
        </h2>
        <div className="actions no-print">
          <ReportExport report={report} doctorId={query.doctorId} revenueBy={revenueBy} />
          <button type="button" onClick={() => window.print()} data-testid="report-print">
            {t('reports.print')}
          </button>
        </div>
      </div>
      <ReportFilters
        query={shown}
        onChange={(q) => setQuery((old) => ({ ...old, from, to, ...q }))}
        onPreset={onPreset}
        error={error}
      />
      <FormError error={error} fields={['from', 'to']} />
      {error === null && summary === null ? <p className="empty">{t('reports.loading')}</p> : null}
      {summary ? <ReportSections s={summary} t={t as TFunction} label={label} /> : null}
      {summary ? (
        <RevenueSection
          input={revenue}
          by={revenueBy}
          onBy={setRevenueBy}
          t={t as TFunction}
          label={revenueLabel}
        />
      ) : null}
    </div>
  )
}
