import type { ReportRow, reportMethods, ReportSummary } from '../../../shared/contract/reports'
import type { revenueMethods } from '../../../shared/contract/revenue'
import { mustBeDepartment } from './known-department'
import type { HandlersFor } from '../context'
import { isoWeekday } from '../common/calendar'
import {
  countsQuery,
  durationsQuery,
  heatQuery,
  patientsQuery,
  periodStarts,
  utilisationQuery,
  type Scope,
} from './queries'
import { revenueHandlers } from './revenue'

type Key = number | string | null
interface CountRow {
  period: string
  key: Key
  source: string
  status: string
  reason: string | null
  n: number
}
interface Duration {
  n: number
  median: number | null
  p90: number | null
}
interface DurationRow {
  period: string
  key: Key
  /** [wait, visit] */
  durations: [Duration, Duration]
}
interface UtilisationRow {
  period: string
  key: number | null
  offered: number
  used: number
}
interface HeatRow {
  day: string
  hour: string
  n: number
}

const none = { n: 0, median: null, p90: null }
const rowId = (period: string, key: Key): string => `${period}|${key === null ? '' : key}`
const byPeriodThenKey = (
  a: { period: string; key: Key },
  b: { period: string; key: Key },
): number =>
  a.period < b.period
    ? -1
    : a.period > b.period
      ? 1
      : String(a.key ?? '').localeCompare(String(b.key ?? ''), 'en', { numeric: true })

export const reportHandlers: HandlersFor<typeof reportMethods & typeof revenueMethods> = {
  ...revenueHandlers,
  'reports.summary': async (input, { caller, read, reports }) => {
    // The contract's owner rule refuses a doctor asking for another; one who names nobody is
    // narrowed to themselves here, so a doctor never sees the clinic's figures.
    const doctorId = caller.role === 'doctor' ? (caller.doctorId ?? -1) : (input.doctorId ?? null)
    let doctorIds: number[] | null = doctorId === null ? null : [doctorId]
    if (input.departmentId !== undefined) {
      await mustBeDepartment(read, input.departmentId)
      // Every doctor the department has had: a doctor who left still has history in it.
      const members = (
        await read
          .selectFrom('doctors')
          .select('id')
          .where('department_id', '=', input.departmentId)
          .execute()
      ).map((d) => d.id)
      doctorIds = doctorIds === null ? members : doctorIds.filter((id) => members.includes(id))
    }
    const scope: Scope = {
      from: input.from,
      to: input.to,
      period: input.period,
      by: input.by,
      doctorIds,
      source: input.source ?? null,
    }
    const [counts, durations, places, heat, patients] = (await reports.run([
      countsQuery(scope, reports.dialect),
      durationsQuery(scope, reports.dialect),
      utilisationQuery(scope, reports.dialect),
      heatQuery(scope, reports.dialect),
      patientsQuery(scope, reports.dialect),
    ])) as [
      CountRow[],
      DurationRow[],
      UtilisationRow[],
      HeatRow[],
      { total: number; returning: number }[],
    ]
    return summarise(scope, input.doctorId ?? doctorId, input.departmentId ?? null, {
      counts,
      durations,
      places,
      heat,
      patients: patients[0] ?? { total: 0, returning: 0 },
    })
  },
}

/** Folds the reader's rows into the contract's figures (docs/REPORTS.md defines each). */
function summarise(
  scope: Scope,
  doctorId: number | null,
  departmentId: number | null,
  r: {
    counts: CountRow[]
    durations: DurationRow[]
    places: UtilisationRow[]
    heat: HeatRow[]
    patients: { total: number; returning: number }
  },
): ReportSummary {
  const rows = new Map<string, ReportRow & { held: number; reasons: Map<string, number> }>()
  const rowOf = (period: string, key: Key) => {
    const id = rowId(period, key)
    let row = rows.get(id)
    if (!row) {
      row = {
        period,
        key,
        bookings: 0,
        walkIns: 0,
        extras: 0,
        completed: 0,
        noShows: 0,
        noShowRate: null,
        canceled: 0,
        cancellations: [],
        wait: none,
        visit: none,
        held: 0,
        reasons: new Map(),
      }
      rows.set(id, row)
    }
    return row
  }
  for (const c of r.counts) {
    const row = rowOf(c.period, c.key)
    if (c.source === 'EXTRA') row.extras += c.n
    else if (c.source === 'WALK_IN') row.walkIns += c.n
    else row.bookings += c.n
    if (c.status === 'CANCELED') {
      row.canceled += c.n
      const reason = c.reason ?? ''
      row.reasons.set(reason, (row.reasons.get(reason) ?? 0) + c.n)
    } else row.held += c.n
    if (c.status === 'COMPLETED') row.completed += c.n
    if (c.status === 'NO_SHOW') row.noShows += c.n
  }
  for (const d of r.durations) {
    const row = rowOf(d.period, d.key)
    ;[row.wait, row.visit] = d.durations
  }

  const heat = new Map<string, { weekday: number; hour: number; count: number }>()
  for (const h of r.heat) {
    const weekday = isoWeekday(h.day)
    const hour = Number(h.hour)
    const id = `${weekday}|${hour}`
    const cell = heat.get(id) ?? { weekday, hour, count: 0 }
    cell.count += h.n
    heat.set(id, cell)
  }

  return {
    from: scope.from,
    to: scope.to,
    period: scope.period,
    by: scope.by,
    doctorId,
    departmentId,
    source: scope.source,
    periods: periodStarts(scope.from, scope.to, scope.period),
    rows: [...rows.values()]
      .map(({ held, reasons, ...row }) => ({
        ...row,
        noShowRate: held > 0 ? row.noShows / held : null,
        cancellations: [...reasons]
          .map(([reason, count]) => ({ reason, count }))
          .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      }))
      .sort(byPeriodThenKey),
    utilisation: r.places
      .map((p) => ({
        period: p.period,
        key: p.key,
        offered: p.offered,
        used: p.used,
        unused: Math.max(0, p.offered - p.used),
      }))
      .sort(byPeriodThenKey),
    heatMap: [...heat.values()].sort((a, b) => a.weekday - b.weekday || a.hour - b.hour),
    patients: {
      total: r.patients.total,
      new: r.patients.total - r.patients.returning,
      returning: r.patients.returning,
    },
  }
}
