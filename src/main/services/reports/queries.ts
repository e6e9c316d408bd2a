import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely'
import type { ReportGrouping, ReportPeriod, ReportSource } from '../../../shared/contract/reports'
import { compileFor, offlineBuilders, secondsBetween, type Dialect } from '../../db/dialect'
import type { ReportQuery } from '../../db/report-reader'
import type { DB } from '../../db/schema'
import { isoWeekday, plusDays } from '../common/calendar'

/**
 * Builds, never runs: the report reader (db/report-reader.ts, db/pg/report-reader-pg.ts) runs
 * the compiled SQL on its own connection. Each query is compiled for the reader's engine; the one
 * engine-specific fragment is secondsBetween (db/dialect.ts).
 */
const qb = offlineBuilders.sqlite

/** What a report covers: clinic days from..to, the doctors it is narrowed to (null = all). */
export interface Scope {
  readonly from: string
  readonly to: string
  readonly period: ReportPeriod
  readonly by: ReportGrouping
  readonly doctorIds: readonly number[] | null
  /** Only appointments of this report source (null = all); bands have none. */
  readonly source: ReportSource | null
}

type Live = 'appointments as a'
type Aq = SelectQueryBuilder<DB & { a: DB['appointments'] }, 'a', object>
type AppointmentTable = 'appointments' | 'appointments_archive'

/**
 * The first day of every period in the range: each day; each ISO week's Monday; each month's
 * first day; the range's first day begins the first period whatever weekday or date it is.
 */
export function periodStarts(from: string, to: string, period: ReportPeriod): string[] {
  const out = [from]
  const step = (d: string): string =>
    period === 'day'
      ? plusDays(d, 1)
      : period === 'week'
        ? plusDays(d, 8 - isoWeekday(d))
        : `${nextMonth(d.slice(0, 7))}-01`
  for (let d = step(from); d <= to; d = step(d)) out.push(d)
  return out
}

const nextMonth = (ym: string): string => {
  const [y, m] = [Number(ym.slice(0, 4)), Number(ym.slice(5, 7))]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** The period a row's `date` falls in, as its first day: a CASE over the period starts. */
function periodOf(scope: Scope, date: RawBuilder<string>): RawBuilder<string> {
  if (scope.period === 'day') return date
  const starts = periodStarts(scope.from, scope.to, scope.period)
  if (starts.length === 1) return sql<string>`${starts[0]}`
  const whens = starts.slice(1).map((next, i) => sql`WHEN ${date} < ${next} THEN ${starts[i]}`)
  return sql<string>`CASE ${sql.join(whens, sql` `)} ELSE ${starts.at(-1)} END`
}

/** The group key of a row of alias `a` (an appointment or a band, both with doctor_id). */
function keyOf(by: ReportGrouping, alias: 'a' | 's', sourced: boolean): RawBuilder<unknown> {
  const doctor = sql.ref(`${alias}.doctor_id`)
  if (by === 'doctor') return doctor
  if (by === 'department')
    return sql`${qb
      .selectFrom('doctors as dk')
      .select('dk.department_id')
      .where(sql<boolean>`${sql.ref('dk.id')} = ${doctor}`)}`
  if (by === 'source' && sourced) return sourceOf(alias)
  return sql`NULL`
}

/** An appointment's report source: 加号 (is_extra) is EXTRA whatever `source` says. */
const sourceOf = (alias: 'a' | 's'): RawBuilder<string> =>
  sql<string>`CASE WHEN ${sql.ref(`${alias}.is_extra`)} = 1 THEN 'EXTRA' ELSE ${sql.ref(`${alias}.source`)} END`

/** The source filter, on appointments only (a band's places have no source). */
function sourced<Q>(scope: Scope, query: Q): Q {
  if (scope.source === null) return query
  const q = query as unknown as SelectQueryBuilder<DB, keyof DB, object>
  return q.where(sourceOf('a'), '=', scope.source) as unknown as Q
}

/** The range and doctor filter on one table's rows. */
function scoped<Q>(scope: Scope, query: Q, alias: 'a' | 's'): Q {
  let q = (query as unknown as SelectQueryBuilder<DB, keyof DB, object>)
    .where(sql.ref(`${alias}.date`), '>=', scope.from)
    .where(sql.ref(`${alias}.date`), '<=', scope.to)
  if (scope.doctorIds !== null)
    q =
      scope.doctorIds.length === 0
        ? q.where(sql<boolean>`1 = 0`)
        : q.where(sql.ref(`${alias}.doctor_id`), 'in', [...scope.doctorIds])
  return q as unknown as Q
}

const appointmentsOf = (table: AppointmentTable, scope: Scope): Aq =>
  sourced(scope, qb.selectFrom(`${table} as a` as Live) as unknown as Aq)

const date = sql.ref<string>('a.date')

/** Appointments by period, key, source, status and cancel reason: every count of a row. */
export function countsQuery(scope: Scope, dialect: Dialect): ReportQuery {
  const branch = (table: AppointmentTable) =>
    scoped(scope, appointmentsOf(table, scope), 'a')
      .select([
        periodOf(scope, date).as('period'),
        keyOf(scope.by, 'a', true).as('key'),
        // Not `source`: SQLite's GROUP BY would take that name for the column, not this CASE.
        sourceOf('a').as('report_source'),
        sql.ref<string>('a.status').as('status'),
        sql.ref<string | null>('a.cancel_reason').as('reason'),
        sql<number>`count(*)`.as('n'),
      ])
      .groupBy(['period', 'key', 'report_source', 'status', 'reason'])
  return compileFor(
    dialect,
    qb
      .selectFrom(branch('appointments').unionAll(branch('appointments_archive')).as('u'))
      .select(['u.period', 'u.key', 'u.report_source as source', 'u.status', 'u.reason'])
      .select(sql<number>`sum(u.n)`.as('n'))
      .groupBy(['u.period', 'u.key', 'u.report_source', 'u.status', 'u.reason']),
  )
}

/**
 * Each visit's wait (check-in → call) and length (start → finish) with its period and key, in
 * one pass over the range; the reader folds them into n, median and p90 per (period, key)
 * (db/report-reader.ts, `reduce: 'percentiles'`): nearest rank in SQL needs window functions and
 * one sort per duration, and measured slower than one scan and a sort in the worker.
 */
export function durationsQuery(scope: Scope, dialect: Dialect): ReportQuery {
  const branch = (table: AppointmentTable) =>
    scoped(scope, appointmentsOf(table, scope), 'a')
      .select([
        periodOf(scope, date).as('period'),
        keyOf(scope.by, 'a', true).as('key'),
        secondsBetween(dialect, 'a.checked_in_at', 'a.called_at').as('wait'),
        secondsBetween(dialect, 'a.started_at', 'a.completed_at').as('visit'),
      ])
      .where((eb) =>
        eb.or([
          eb(sql.ref('a.called_at'), 'is not', null),
          eb(sql.ref('a.completed_at'), 'is not', null),
        ]),
      )
  const { sql: text, parameters } = compileFor(
    dialect,
    branch('appointments').unionAll(branch('appointments_archive')),
  )
  return { sql: text, parameters, reduce: 'percentiles' }
}

/** Places offered and held in open bands, live and archived, by period and key. */
export function utilisationQuery(scope: Scope, dialect: Dialect): ReportQuery {
  const branch = (table: 'doctor_schedules' | 'doctor_schedules_archive') =>
    scoped(scope, qb.selectFrom(`${table} as s` as 'doctor_schedules as s'), 's')
      .where(sql.ref('s.status'), '<>', 'CLOSED')
      .select([
        periodOf(scope, sql.ref<string>('s.date')).as('period'),
        keyOf(scope.by, 's', false).as('key'),
        sql<number>`sum(s.quota)`.as('offered'),
        sql<number>`sum(s.booked)`.as('used'),
      ])
      .groupBy(['period', 'key'])
  return compileFor(
    dialect,
    qb
      .selectFrom(branch('doctor_schedules').unionAll(branch('doctor_schedules_archive')).as('u'))
      .select(['u.period', 'u.key'])
      .select([sql<number>`sum(u.offered)`.as('offered'), sql<number>`sum(u.used)`.as('used')])
      .groupBy(['u.period', 'u.key']),
  )
}

/** Appointments that held a place, by day and the hour their band starts (weekday is the JS's). */
export function heatQuery(scope: Scope, dialect: Dialect): ReportQuery {
  const live = scoped(scope, appointmentsOf('appointments', scope), 'a')
    .innerJoin('doctor_schedules as s', 's.id', 'a.slot_id')
    .where(sql.ref('a.status'), '<>', 'CANCELED')
    .select([
      date.as('day'),
      sql<string>`substr(s.start_time, 1, 2)`.as('hour'),
      sql<number>`count(*)`.as('n'),
    ])
    .groupBy(['day', 'hour'])
  const archived = scoped(scope, appointmentsOf('appointments_archive', scope), 'a')
    .where(sql.ref('a.status'), '<>', 'CANCELED')
    .select([
      date.as('day'),
      sql<string>`substr(a.start_time, 1, 2)`.as('hour'),
      sql<number>`count(*)`.as('n'),
    ])
    .groupBy(['day', 'hour'])
  return compileFor(
    dialect,
    qb
      .selectFrom(live.unionAll(archived).as('u'))
      .select(['u.day', 'u.hour'])
      .select(sql<number>`sum(u.n)`.as('n'))
      .groupBy(['u.day', 'u.hour']),
  )
}

/**
 * Distinct patients who held a place in the range, and how many of them had held one before it
 * (with any doctor: returning to the clinic): their kept first visit day (patient_first_visits,
 * migration 0018, kept by triggers) is before the range. One primary-key read per patient, where
 * probing each one's history cost ~4× as much on the 1M database (docs/PERFORMANCE.md).
 */
export function patientsQuery(scope: Scope, dialect: Dialect): ReportQuery {
  const seen = (table: AppointmentTable) =>
    scoped(scope, appointmentsOf(table, scope), 'a')
      .where(sql.ref('a.status'), '<>', 'CANCELED')
      .select(sql.ref<number>('a.patient_id').as('patient_id'))
  return compileFor(
    dialect,
    qb
      .selectFrom(seen('appointments').union(seen('appointments_archive')).as('p'))
      // LEFT: `total` counts the range's own rows whatever the kept table says.
      .leftJoin('patient_first_visits as f', 'f.patient_id', 'p.patient_id')
      .select([
        sql<number>`count(*)`.as('total'),
        sql<number>`coalesce(sum(CASE WHEN f.first_date < ${scope.from} THEN 1 ELSE 0 END), 0)`.as(
          'returning',
        ),
      ]),
  )
}
