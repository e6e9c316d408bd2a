import { sql, type RawBuilder } from 'kysely'
import type { RevenueGrouping } from '../../../shared/contract/revenue'
import type { ReportPeriod } from '../../../shared/contract/reports'
import { compileFor, offlineBuilders, type Dialect } from '../../db/dialect'
import type { ReportQuery } from '../../db/report-reader'
import { plusDays } from '../common/calendar'
import { zonedInstant } from '../../../shared/clinic-time'
import { periodStarts } from './queries'

/**
 * Revenue's one query (docs/REPORTS.md, Revenue), built, never run: the report reader runs it.
 * Money rows carry instants (created_at, UTC), not clinic days, so the range and the periods are
 * cut at the clinic's midnights, worked out here in the clinic's zone: plain comparisons of ISO
 * instants, the same on both engines (no date functions, no zone arithmetic in SQL).
 */
const qb = offlineBuilders.sqlite

export interface RevenueScope {
  readonly from: string
  readonly to: string
  readonly period: ReportPeriod
  readonly by: RevenueGrouping
  readonly doctorId: number | null
  readonly departmentId: number | null
  readonly timeZone: string
}

/** Text on both engines: PostgreSQL cannot type a bare parameter in a UNION's select list. */
const text = (value: string): RawBuilder<string> => sql<string>`CAST(${value} AS TEXT)`

/** The period (its first clinic day) an instant falls in: a CASE over the periods' first midnights. */
function periodOf(scope: RevenueScope, at: RawBuilder<string>): RawBuilder<string> {
  const starts = periodStarts(scope.from, scope.to, scope.period)
  if (starts.length === 1) return text(starts[0]!)
  const whens = starts
    .slice(1)
    .map(
      (next, i) =>
        sql`WHEN ${at} < ${zonedInstant(next, '00:00', scope.timeZone)} THEN ${text(starts[i]!)}`,
    )
  return sql<string>`CASE ${sql.join(whens, sql` `)} ELSE ${text(starts.at(-1)!)} END`
}

/** The group key: the payment's doctor or department (recorded at payment time), or the row's method. */
function keyOf(by: RevenueGrouping, methodOf: 'p' | 'r'): RawBuilder<unknown> {
  if (by === 'doctor') return sql.ref('p.doctor_id')
  if (by === 'department') return sql.ref('p.department_id')
  if (by === 'method') return sql.ref(`${methodOf}.method`)
  return sql`NULL`
}

/**
 * Per (period, key): money taken and given back, and the distinct visits paid, refunded and let
 * off. `whole` folds the range into one row (key null), so its visit counts are distinct over it.
 */
export function revenueQuery(scope: RevenueScope, dialect: Dialect, whole = false): ReportQuery {
  const s: RevenueScope = whole ? { ...scope, period: 'day', by: 'none' } : scope
  const begin = zonedInstant(scope.from, '00:00', scope.timeZone)
  const end = zonedInstant(plusDays(scope.to, 1), '00:00', scope.timeZone)
  const period = (at: 'p.created_at' | 'r.created_at') =>
    whole ? text(scope.from) : periodOf(s, sql.ref<string>(at))
  let payments = qb
    .selectFrom('payments as p')
    .where('p.created_at', '>=', begin)
    .where('p.created_at', '<', end)
    .select([
      period('p.created_at').as('period'),
      keyOf(s.by, 'p').as('key'),
      'p.appointment_id as appointment_id',
      'p.amount_fen as taken',
      sql<number>`0`.as('given'),
      // Money taken: a 改约 carry-over (amount 0) moved none, so its visit is not paid again today.
      sql<number>`CASE WHEN p.method <> 'FREE' AND p.amount_fen > 0 THEN 1 ELSE 0 END`.as('paid'),
      sql<number>`0`.as('refund'),
      // 免收 once per visit: a carried-over free receipt is the same visit let off, not another.
      sql<number>`CASE WHEN p.method = 'FREE' AND p.carried_from IS NULL THEN 1 ELSE 0 END`.as(
        'free',
      ),
    ])
  let refunds = qb
    .selectFrom('refunds as r')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .where('r.created_at', '>=', begin)
    .where('r.created_at', '<', end)
    .select([
      period('r.created_at').as('period'),
      keyOf(s.by, 'r').as('key'),
      'p.appointment_id as appointment_id',
      sql<number>`0`.as('taken'),
      'r.amount_fen as given',
      sql<number>`0`.as('paid'),
      sql<number>`1`.as('refund'),
      sql<number>`0`.as('free'),
    ])
  if (scope.doctorId !== null) {
    payments = payments.where('p.doctor_id', '=', scope.doctorId)
    refunds = refunds.where('p.doctor_id', '=', scope.doctorId)
  }
  if (scope.departmentId !== null) {
    payments = payments.where('p.department_id', '=', scope.departmentId)
    refunds = refunds.where('p.department_id', '=', scope.departmentId)
  }
  const visits = (flag: 'u.paid' | 'u.refund' | 'u.free') =>
    sql<number>`count(DISTINCT CASE WHEN ${sql.ref(flag)} = 1 THEN u.appointment_id END)`
  return compileFor(
    dialect,
    qb
      .selectFrom(payments.unionAll(refunds).as('u'))
      .select(['u.period', 'u.key'])
      .select([
        sql<number>`sum(u.taken)`.as('taken'),
        sql<number>`sum(u.given)`.as('given'),
        visits('u.paid').as('paid'),
        visits('u.refund').as('refunded'),
        visits('u.free').as('free'),
      ])
      .groupBy(['u.period', 'u.key']),
  )
}
