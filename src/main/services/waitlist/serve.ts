import { AppError, type ErrorCode } from '../../../shared/errors'
import type { WriteContext } from '../../db/write'
import { placeBooking, type PlaceEnv } from '../appointments/place'
import { stepsIn } from '../../db/steps'
import { nowKey } from './rows'

/**
 * placeBooking's refusals that belong to the patient, not the band: the next in line may still fit.
 * POLICY_REFUSED is the booking policy (services/policy: age and sex limits, 爽约 suspension, the
 * booking limit, release and cut-offs), which placeBooking applies to a waitlist booking as to any
 * phone booking: a refused patient is passed over and keeps their place in line.
 */
const PATIENT_REFUSALS: ReadonlySet<ErrorCode> = new Set([
  'ALREADY_BOOKED',
  'PATIENT_MERGED',
  'POLICY_REFUSED',
])

/** How many waiting patients one freed place looks at before giving up (all of them, in practice). */
const LOOK_AHEAD = 200

/**
 * A place may have freed in this band (cancel, reschedule, reopened leave, 加号): the first
 * eligible waiting patient of its doctor-day who wants this band is booked into it, in the
 * caller's transaction (BEGIN IMMEDIATE: writers queue, so two freed places cannot pick the same
 * patient, and the line is served in id order). Every refusal placeBooking makes is thrown before
 * it writes anything, so catching one here leaves the transaction clean.
 * Returns the booking made, or null when nobody could have the place.
 */
export async function serveWaitlist(
  w: WriteContext,
  slotId: number,
  env: PlaceEnv,
): Promise<number | null> {
  const band = await w.tx
    .selectFrom('doctor_schedules')
    .select(['id', 'doctor_id', 'date', 'status'])
    .where('id', '=', slotId)
    .executeTakeFirst()
  if (!band || band.status === 'CLOSED') return null
  const line = await w.tx
    .selectFrom('waitlist as w')
    .select(['w.id', 'w.patient_id'])
    .where('w.doctor_id', '=', band.doctor_id)
    .where('w.date', '=', band.date)
    .where('w.status', '=', 'WAITING')
    .where('w.expires_at', '>', nowKey(env.now))
    .where((eb) =>
      eb.or([
        eb('w.any_band', '=', 1),
        eb.exists(
          eb
            .selectFrom('waitlist_bands as b')
            .select('b.slot_id')
            .whereRef('b.entry_id', '=', 'w.id')
            .where('b.slot_id', '=', slotId),
        ),
      ]),
    )
    .orderBy('w.id')
    .limit(LOOK_AHEAD)
    .execute()
  for (const entry of line) {
    let appointmentId: number
    try {
      appointmentId = (
        await stepsIn(
          w,
          placeBooking(
            w,
            {
              slotId,
              patientId: entry.patient_id,
              source: 'PHONE',
              chiefComplaint: '',
              // One booking per entry, whatever happens: the key is unique in appointments.
              idempotencyKey: `waitlist:${entry.id}`,
            },
            env,
          ),
        )
      ).id
    } catch (e) {
      if (e instanceof AppError && PATIENT_REFUSALS.has(e.code)) continue
      // The band itself refuses (taken, held by a desk, too close to its start): nobody gets it.
      if (e instanceof AppError) return null
      throw e
    }
    const done = await w.tx
      .updateTable('waitlist')
      .set({ status: 'BOOKED', appointment_id: appointmentId, ended_at: w.now })
      .where('id', '=', entry.id)
      .where('status', '=', 'WAITING')
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) !== 1)
      throw new Error(`serveWaitlist: entry ${entry.id} was no longer waiting`)
    w.audit({
      entity: 'waitlist',
      entityId: entry.id,
      before: { status: 'WAITING' },
      after: { status: 'BOOKED', appointmentId, slotId },
    })
    w.emit('waitlist.changed', { doctorId: band.doctor_id, date: band.date })
    return appointmentId
  }
  return null
}

/**
 * Bands that may have several places free at once (a reopened leave, 加号 of count N): each is
 * served until it has no place left for the line or the line has nobody for it.
 */
export async function placesFreed(
  w: WriteContext,
  slotIds: readonly number[],
  env: PlaceEnv,
): Promise<number[]> {
  const booked: number[] = []
  for (const slotId of slotIds) {
    for (;;) {
      const made = await serveWaitlist(w, slotId, env)
      if (made === null) break
      booked.push(made)
    }
  }
  return booked
}
