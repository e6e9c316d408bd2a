import type { Transaction } from 'kysely'
import type { NoShowEvent, NoShowRecord } from '../../../shared/contract/policy'
import { AppError } from '../../../shared/errors'
import { suspensionOf } from '../../../shared/policy/check'
import { suspensionPeriods } from '../../../shared/policy/periods'
import type { BookingPolicy } from '../../../shared/policy/rules'
import type { DB } from '../../db/schema'
import type { ReadDb } from '../../db/write'

type Db = ReadDb | Transaction<DB>

/**
 * A patient's 爽约 history (no-shows, late cancels, lifts) and the suspensions they made, by the
 * rules in force now: what the patient card shows and what policy.liftSuspension checks.
 */
export async function readRecord(
  db: Db,
  policy: BookingPolicy,
  patientId: number,
  today: string,
): Promise<NoShowRecord> {
  return (await loadRecord(db, policy, patientId, today)).record
}

/** The record and, while suspended, the figures the desk's refusal gives (suspensionOf). */
export async function loadRecord(
  db: Db,
  policy: BookingPolicy,
  patientId: number,
  today: string,
): Promise<{ record: NoShowRecord; suspension: ReturnType<typeof suspensionOf> }> {
  const patient = await db
    .selectFrom('patients')
    .select('id')
    .where('id', '=', patientId)
    .executeTakeFirst()
  if (!patient)
    throw new AppError('NOT_FOUND', { field: 'patientId', message: 'That patient does not exist.' })
  const bookings = await db
    .selectFrom('appointments')
    .select(['id', 'date', 'doctor_id', 'status', 'late_canceled_on', 'cancel_reason'])
    .where('patient_id', '=', patientId)
    // An excused NO_SHOW (结束出诊 before its grace ended) is not 爽约 and not on the record.
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'NO_SHOW'), eb('no_show_excused', '=', 0)]),
        eb('late_canceled_on', 'is not', null),
      ]),
    )
    .execute()
  const lifts = await db
    .selectFrom('suspension_lifts')
    .select(['lifted_on', 'reason', 'lifted_by', 'id'])
    .where('patient_id', '=', patientId)
    .orderBy('id')
    .execute()
  const noShowDates = bookings.filter((b) => b.status === 'NO_SHOW').map((b) => b.date)
  const lateCancelDates = bookings.flatMap((b) =>
    b.late_canceled_on === null ? [] : [b.late_canceled_on],
  )
  const counted = [...noShowDates, ...(policy.suspension.countLateCancels ? lateCancelDates : [])]
  const liftDays = lifts.map((l) => l.lifted_on).sort()
  const now = suspensionOf(
    policy,
    { noShowDates, lateCancelDates, liveFutureBookings: 0, liftedOn: liftDays.at(-1) ?? null },
    today,
  )
  const blank = { until: null, appointmentId: null, doctorId: null, reason: null, by: null }
  const events: NoShowEvent[] = [
    ...bookings.map((b) => ({
      ...blank,
      kind: b.status === 'NO_SHOW' ? ('NO_SHOW' as const) : ('LATE_CANCEL' as const),
      // A no-show happened on its booking's day; a late cancel on the day it was made.
      date: b.status === 'NO_SHOW' ? b.date : (b.late_canceled_on ?? b.date),
      appointmentId: b.id,
      doctorId: b.doctor_id,
      reason: b.status === 'NO_SHOW' ? null : b.cancel_reason,
    })),
    ...suspensionPeriods(policy, counted, liftDays).map((p) => ({
      ...blank,
      kind: 'SUSPENDED' as const,
      date: p.from,
      until: p.liftedOn ?? p.until,
    })),
    ...lifts.map((l) => ({
      ...blank,
      kind: 'LIFTED' as const,
      date: l.lifted_on,
      reason: l.reason,
      by: l.lifted_by,
    })),
  ]
  // Newest first; on one day the cause before its effect reads upwards: lift, suspension, events.
  const order = { LIFTED: 0, SUSPENDED: 1, NO_SHOW: 2, LATE_CANCEL: 2 } as const
  events.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? 1 : -1) : order[a.kind] - order[b.kind],
  )
  return { record: { patientId, suspendedUntil: now?.until ?? null, events }, suspension: now }
}
