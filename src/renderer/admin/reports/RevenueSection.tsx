import type { TFunction } from 'i18next'
import { useEffect, useState } from 'react'
import type {
  RevenueFigures,
  RevenueGrouping,
  RevenueInput,
  RevenueSummary,
} from '../../../shared/contract/revenue'
import { REVENUE_GROUPINGS } from '../../../shared/contract/revenue'
import type { AppErrorShape } from '../../../shared/errors'
import { formatFen } from '../../../shared/fees'
import { yuan } from '../../../shared/money-format'
import { revenueByPeriod } from '../../../shared/revenue-view'
import { FormError } from '../common/FieldError'
import { reportRevenue } from '../stores/reports'
import { Chart } from './Chart'

type Key = RevenueSummary['rows'][number]['key']

/**
 * 收入: money taken, given back and net by period (chart, in 元), and the table by period and the
 * section's own grouping (doctor, department, payment method), with the range's total. Figures are
 * reports.revenue's (docs/REPORTS.md, Revenue); amounts arrive in fen and are shown as 元.
 */
export function RevenueSection(props: {
  input: Omit<RevenueInput, 'by'> | null
  by: RevenueGrouping
  onBy: (by: RevenueGrouping) => void
  t: TFunction
  label: (by: RevenueGrouping, key: Key) => string
}) {
  const { input, by, t } = props
  const [revenue, setRevenue] = useState<RevenueSummary | null>(null)
  const [error, setError] = useState<AppErrorShape | null>(null)
  useEffect(() => {
    if (!input) return
    let current = true
    void reportRevenue({ ...input, by }).then((r) => {
      if (!current) return
      setRevenue(r.ok ? r.value : null)
      setError(r.ok ? null : r.error)
    })
    return () => void (current = false)
  }, [input, by])

  const time = revenue ? revenueByPeriod(revenue) : []
  const name = (key: Key) => props.label(revenue?.by ?? 'none', key)
  return (
    <section className="card report-section" data-testid="report-revenue">
      <div className="card-head">
        <h2>{t('reports.revenue.title')}</h2>
        <label className="no-print">
          {t('reports.revenue.by')}{' '}
          <select
            name="revenueBy"
            value={by}
            onChange={(e) => props.onBy(e.target.value as RevenueGrouping)}
            data-testid="revenue-by"
          >
            {REVENUE_GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {t(`reports.revenue.groupings.${g}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">{t('reports.revenue.note')}</p>
      <FormError error={error} fields={[]} />
      {revenue ? (
        <div className="report-pair revenue-pair">
          <Chart
            testId="chart-revenue"
            option={{
              tooltip: { trigger: 'axis', valueFormatter: (v: number) => yuan(v) },
              legend: { top: 0 },
              grid: { left: 64, right: 12, top: 32, bottom: 28 },
              xAxis: { type: 'category', data: time.map((r) => r.period) },
              // Fen on the axis, drawn as 元: the figures stay integers.
              yAxis: {
                type: 'value',
                minInterval: 1,
                axisLabel: { formatter: (v: number) => formatFen(v) },
              },
              series: [
                {
                  type: 'bar',
                  barMaxWidth: 48,
                  name: t('reports.revenue.taken'),
                  data: time.map((r) => r.takenFen),
                },
                {
                  type: 'bar',
                  barMaxWidth: 48,
                  name: t('reports.revenue.refunded'),
                  data: time.map((r) => r.refundedFen),
                },
                { type: 'line', name: t('reports.revenue.net'), data: time.map((r) => r.netFen) },
              ],
            }}
          />
          <div className="report-table">
            <RevenueTable revenue={revenue} t={t} name={name} />
          </div>
        </div>
      ) : null}
    </section>
  )
}

/** The group column's heading: 医生, 科室 or 支付方式 (not the select's 按医生). */
const groupHead = (t: TFunction, by: RevenueGrouping): string =>
  by === 'doctor'
    ? t('reports.doctor')
    : by === 'department'
      ? t('reports.department')
      : t('reports.revenue.method')

function RevenueTable(props: {
  revenue: RevenueSummary
  t: TFunction
  name: (key: Key) => string
}) {
  const { revenue, t } = props
  const cells = (f: RevenueFigures) => [
    <td key="taken" className="num">
      {yuan(f.takenFen)}
    </td>,
    <td key="refunded" className="num">
      {yuan(-f.refundedFen)}
    </td>,
    <td key="net" className="num">
      {yuan(f.netFen)}
    </td>,
    <td key="paid" className="num">
      {f.paid}
    </td>,
    <td key="refundedVisits" className="num">
      {f.refunded}
    </td>,
    <td key="free" className="num">
      {f.free}
    </td>,
  ]
  const grouped = revenue.by !== 'none'
  return (
    <table className="grid revenue-table" data-testid="revenue-table">
      <thead>
        <tr>
          <th>{t('reports.periodCol')}</th>
          {grouped ? <th>{groupHead(t, revenue.by)}</th> : null}
          <th className="num">{t('reports.revenue.taken')}</th>
          <th className="num">{t('reports.revenue.refunded')}</th>
          <th className="num">{t('reports.revenue.net')}</th>
          <th className="num">{t('reports.revenue.paid')}</th>
          <th className="num">{t('reports.revenue.refundedVisits')}</th>
          <th className="num">{t('reports.revenue.free')}</th>
        </tr>
      </thead>
      <tbody>
        {revenue.rows.length === 0 ? (
          <tr>
            <td colSpan={grouped ? 8 : 7} className="empty">
              —
            </td>
          </tr>
        ) : null}
        {revenue.rows.map((r) => (
          <tr key={`${r.period}|${r.key ?? ''}`}>
            <td>{r.period}</td>
            {grouped ? <td>{props.name(r.key)}</td> : null}
            {cells(r)}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="revenue-total">
          <th colSpan={grouped ? 2 : 1}>{t('reports.total')}</th>
          {cells(revenue.total)}
        </tr>
      </tfoot>
    </table>
  )
}
