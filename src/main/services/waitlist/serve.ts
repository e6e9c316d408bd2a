import type { WriteContext } from '../../db/write'
import { placeBooking, type PlaceEnv } from '../appointments/place'
import { stepsIn } from '../../db/steps'
import { nowKey } from './rows'
import { offerPlace } from './offer'
import { refusal } from './refusal'
import { lockLine } from './line-lock'

/** How many waiting patients one freed place looks at before giving up (all of them, in practice). */
const LOOK_AHEAD = 200

/**
 * One place of this band for the line: the first eligible waiting patient of its doctor-day who
 * wants this band is booked into it (or, in offer mode, offered it: waitlist/offer.ts), in the caller's
 * transaction (BEGIN IMMEDIATE on SQLite, the line's lock on PostgreSQL: so two freed places
 * cannot pick the same patient, and the line is served in id order). Every refusal placeBooking makes is thrown before it
 * writes anything, so catching one here leaves the transaction clean. An entry already holding
 * an offer is not served twice.
 * Returns the entry served, or null when nobody could have the place.
 */
async function serveWaitlist(
  w: WriteContext,
  slotId: number,
  env: PlaceEnv,
  /** The patient whose booking just gave this place up (appointments/free.ts): passed over. */
  leaving?: number,
): Promise<number | null> {
  const band = await w.tx
    .selectFrom('doctor_schedules')
    .select(['id', 'doctor_id', 'date', 'status'])
    .where('id', '=', slotId)
    .executeTakeFirst()
  if (!band || band.status === 'CLOSED') return null
  await lockLine(w.tx, band.doctor_id, band.date)
  const line = await w.tx
    .selectFrom('waitlist as w')
    .select(['w.id', 'w.patient_id'])
    .where('w.doctor_id', '=', band.doctor_id)
    .where('w.date', '=', band.date)
    .where('w.status', '=', 'WAITING')
    .where('w.expires_at', '>', nowKey(env.now))
    .$if(leaving !== undefined, (q) => q.where('w.patient_id', '!=', leaving!))
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
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('waitlist_offers as o')
            .select('o.id')
            .whereRef('o.entry_id', '=', 'w.id')
            .where('o.status', '=', 'OPEN'),
        ),
      ),
    )
    .orderBy('w.id')
    .limit(LOOK_AHEAD)
    .execute()
  for (const entry of line) {
    if (env.settings.waitlistMode === 'offer') {
      const verdict = await offerPlace(w, entry, slotId, env)
      if (verdict === 'NEXT') continue
      if (verdict === 'NONE') return null
      w.emit('waitlist.changed', { doctorId: band.doctor_id, date: band.date })
      return entry.id
    }
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
      const verdict = refusal(e)
      if (verdict === 'NEXT') continue
      return null
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
    return entry.id
  }
  return null
}

/**
 * Places may have freed in these bands: the one way every freeing reaches the line, in the
 * freeing's own transaction (a cancel or reschedule through appointments/free.ts, a hold released
 * or expired through waitlist/sweep.ts's endHolds, a declined or lapsed offer, a reopened leave, 加号).
 * Each band is served until it has no place left for the line or the line has nobody for it, so
 * a band with several places free at once (a reopened leave, 加号 of count N) fills them all.
 * Returns the entries served, in the order served.
 */
export async function placesFreed(
  w: WriteContext,
  slotIds: readonly number[],
  env: PlaceEnv,
  /** The patient whose booking just gave the place up (appointments/free.ts): passed over. */
  leaving?: number,
): Promise<number[]> {
  const served: number[] = []
  for (const slotId of slotIds) {
    for (;;) {
      const made = await serveWaitlist(w, slotId, env, leaving)
      if (made === null) break
      served.push(made)
    }
  }
  return served
}
