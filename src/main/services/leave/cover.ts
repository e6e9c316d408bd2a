import type { ExpressionBuilder, Expression, SqlBool } from 'kysely'
import { NOON, type LeaveSession } from '../../../shared/contract/leave'
import type { DB } from '../../db/schema'

/** Whether a band starting at `start` is in a leave's session. */
export const inSession = (start: string, session: LeaveSession): boolean =>
  session === 'ALL' || (session === 'AM' ? start < NOON : start >= NOON)

/** A doctor_schedules row inside the scope of an active leave. */
export function coveredByLeave(eb: ExpressionBuilder<DB, 'doctor_schedules'>): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('leaves as l')
      .select('l.id')
      .where('l.state', '=', 'ACTIVE')
      .whereRef('l.doctor_id', '=', 'doctor_schedules.doctor_id')
      .whereRef('l.from_date', '<=', 'doctor_schedules.date')
      .whereRef('l.to_date', '>=', 'doctor_schedules.date')
      .where((l) =>
        l.or([
          l('l.session', '=', 'ALL'),
          l.and([l('l.session', '=', 'AM'), l('doctor_schedules.start_time', '<', NOON)]),
          l.and([l('l.session', '=', 'PM'), l('doctor_schedules.start_time', '>=', NOON)]),
        ]),
      ),
  )
}

/**
 * A doctor_schedules row still closed by something else: an active leave whose scope covers it,
 * or a clinic holiday on its day. Reopening a leave leaves those closed.
 *
 * @example tx.selectFrom('doctor_schedules').where((eb) => eb.not(stillClosed(eb)))
 */
export function stillClosed(eb: ExpressionBuilder<DB, 'doctor_schedules'>): Expression<SqlBool> {
  return eb.or([
    coveredByLeave(eb),
    eb.exists(
      eb
        .selectFrom('clinic_holidays as h')
        .select('h.date')
        .whereRef('h.date', '=', 'doctor_schedules.date'),
    ),
  ])
}
