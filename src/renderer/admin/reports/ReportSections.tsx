import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import type { ReportSummary } from '../../../shared/contract/reports'
import { byGroup, heatGrid, overTime, utilisation, waits } from '../../../shared/report-view'
import { Chart } from './Chart'

type Label = (key: ReportSummary['rows'][number]['key']) => string

/** A chart and, beside it, the same numbers as a table (read aloud, printed, copied). */
function Section(props: { id: string; title: string; chart: ReactNode; table: ReactNode }) {
  return (
    <section className="card report-section" data-testid={`report-${props.id}`}>
      <h2>{props.title}</h2>
      <div className="report-pair">
        {props.chart}
        <div className="report-table">{props.table}</div>
      </div>
    </section>
  )
}

function Table({
  head,
  rows,
  none,
}: {
  head: string[]
  rows: (string | number)[][]
  /** The sentence an empty table shows, so an empty chart beside it is not mistaken for a fault. */
  none: string
}) {
  return (
    <table className="grid">
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={head.length} className="empty">
              {none}
            </td>
          </tr>
        ) : null}
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) => (
              <td key={j} className={typeof c === 'number' ? 'num' : undefined}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const bars = (
  categories: string[],
  series: { name: string; data: number[]; stack?: string }[],
) => ({
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  grid: { left: 40, right: 12, top: 32, bottom: 28 },
  xAxis: { type: 'category', data: categories },
  yAxis: { type: 'value', minInterval: 1 },
  series: series.map((s) => ({ type: 'bar', ...s })),
})

export function ReportSections({ s, t, label }: { s: ReportSummary; t: TFunction; label: Label }) {
  const time = overTime(s)
  const places = utilisation(s)
  const w = waits(s)
  const heat = heatGrid(s)
  const groups = byGroup(s)
  const weekday = (d: number): string => t(`reports.weekday.w${d}` as 'reports.weekday.w1')
  const rowName = (period: string, key: ReportSummary['rows'][number]['key']) =>
    key === null ? period : `${period} ${label(key)}`
  const pct = (n: number, d: number) => (d > 0 ? `${Math.round((n / d) * 1000) / 10}%` : '—')
  return (
    <>
      <Section
        id="volume"
        title={t('reports.volume')}
        chart={
          <Chart
            testId="chart-volume"
            option={bars(
              time.map((r) => r.period),
              [
                { name: t('reports.booked'), data: time.map((r) => r.booked) },
                { name: t('reports.completed'), data: time.map((r) => r.completed) },
                { name: t('reports.noShows'), data: time.map((r) => r.noShows) },
              ],
            )}
          />
        }
        table={
          <Table
            none={t('reports.none')}
            head={[
              t('reports.periodCol'),
              t('reports.booked'),
              t('reports.completed'),
              t('reports.noShows'),
              t('reports.canceled'),
            ]}
            rows={time.map((r) => [r.period, r.booked, r.completed, r.noShows, r.canceled])}
          />
        }
      />
      {s.by !== 'none' ? (
        <Section
          id="groups"
          title={t(`reports.groupings.${s.by}`)}
          chart={
            <Chart
              testId="chart-groups"
              option={bars(
                groups.map((g) => label(g.key)),
                [
                  { name: t('reports.bookings'), data: groups.map((g) => g.bookings), stack: 'in' },
                  { name: t('reports.walkIns'), data: groups.map((g) => g.walkIns), stack: 'in' },
                  { name: t('reports.extras'), data: groups.map((g) => g.extras), stack: 'in' },
                ],
              )}
            />
          }
          table={
            <Table
              none={t('reports.none')}
              head={[
                t(`reports.groupings.${s.by}`),
                t('reports.bookings'),
                t('reports.walkIns'),
                t('reports.extras'),
                t('reports.completed'),
                t('reports.noShows'),
                t('reports.canceled'),
              ]}
              rows={groups.map((g) => [
                label(g.key),
                g.bookings,
                g.walkIns,
                g.extras,
                g.completed,
                g.noShows,
                g.canceled,
              ])}
            />
          }
        />
      ) : null}
      <Section
        id="utilisation"
        title={t('reports.utilisation')}
        chart={
          <Chart
            testId="chart-utilisation"
            option={bars(
              places.map((p) => p.period),
              [
                { name: t('reports.used'), data: places.map((p) => p.used), stack: 'places' },
                { name: t('reports.unused'), data: places.map((p) => p.unused), stack: 'places' },
              ],
            )}
          />
        }
        table={
          <Table
            none={t('reports.none')}
            head={[
              t('reports.periodCol'),
              t('reports.offered'),
              t('reports.used'),
              t('reports.unused'),
              t('reports.usedShare'),
            ]}
            rows={places.map((p) => [
              p.period,
              p.offered,
              p.used,
              p.unused,
              pct(p.used, p.offered),
            ])}
          />
        }
      />
      <Section
        id="waits"
        title={t('reports.waits')}
        chart={
          <Chart
            testId="chart-waits"
            option={{
              ...bars(
                w.map((r) => rowName(r.period, r.key)),
                [
                  { name: t('reports.median'), data: w.map((r) => r.median ?? 0) },
                  { name: t('reports.p90'), data: w.map((r) => r.p90 ?? 0) },
                ],
              ),
              yAxis: { type: 'value', name: t('reports.minutes') },
            }}
          />
        }
        table={
          <Table
            none={t('reports.none')}
            head={[
              t('reports.periodCol'),
              t('reports.visits'),
              t('reports.median'),
              t('reports.p90'),
            ]}
            rows={w.map((r) => [rowName(r.period, r.key), r.n, r.median ?? '—', r.p90 ?? '—'])}
          />
        }
      />
      <Section
        id="heat"
        title={t('reports.heat')}
        chart={
          <Chart
            testId="chart-heat"
            option={{
              tooltip: {},
              grid: { left: 48, right: 12, top: 12, bottom: 64 },
              xAxis: { type: 'category', data: heat.hours.map((h) => `${h}:00`) },
              yAxis: {
                type: 'category',
                data: heat.grid.map((g) => weekday(g.weekday)),
                inverse: true,
              },
              visualMap: {
                min: 0,
                max: Math.max(1, heat.max),
                orient: 'horizontal',
                left: 'center',
                bottom: 0,
                calculable: false,
                inRange: { color: ['#f3f6fb', '#1f5fbf'] },
              },
              series: [
                {
                  type: 'heatmap',
                  label: { show: true },
                  data: heat.grid.flatMap((g, y) => g.counts.map((c, x) => [x, y, c])),
                },
              ],
            }}
          />
        }
        table={
          <Table
            none={t('reports.none')}
            head={[t('reports.weekdayCol'), ...heat.hours.map((h) => `${h}:00`)]}
            rows={heat.grid.map((g): (string | number)[] => [weekday(g.weekday), ...g.counts])}
          />
        }
      />
      <Section
        id="patients"
        title={t('reports.patients')}
        chart={
          <Chart
            testId="chart-patients"
            option={{
              tooltip: {},
              legend: { top: 0 },
              series: [
                {
                  type: 'pie',
                  radius: ['35%', '65%'],
                  top: 24,
                  label: { formatter: '{b}: {c}' },
                  data: [
                    { name: t('reports.new'), value: s.patients.new },
                    { name: t('reports.returning'), value: s.patients.returning },
                  ],
                },
              ],
            }}
          />
        }
        table={
          <Table
            none={t('reports.none')}
            head={[t('reports.new'), t('reports.returning'), t('reports.total')]}
            rows={[[s.patients.new, s.patients.returning, s.patients.total]]}
          />
        }
      />
    </>
  )
}
