import { addMinutes } from 'date-fns'
import type { WriteContext } from '../../db/write'
import { stepsIn } from '../../db/steps'
import { mayPlace, type PlaceEnv } from '../appointments/place'
import { placeVerdict } from '../schedules/places'
import { bandCount, heldBySlot } from '../schedules/slots'
import { refusal } from './refusal'

/** The holder of an offer's hold: no desk's label, so no desk can book from it by mistake. */
export const offerHolder = (entryId: number): string => `waitlist:${entryId}`

/**
 * Offer mode (候补待确认): the freed place is held for this entry until the deadline, instead of
 * booked. The same rules as a booking are asked first (mayPlace, nothing written), so the place is
 * only offered to a patient who could take it; the place must be free for a phone booking,
 * holds counted. NEXT: the patient may not have it (the next in line may); NONE: the band has no
 * place for the line.
 */
export async function offerPlace(
  w: WriteContext,
  entry: { id: number; patient_id: number },
  slotId: number,
  env: PlaceEnv,
): Promise<'OFFERED' | 'NEXT' | 'NONE'> {
  let slot
  try {
    slot = (
      await stepsIn(w, mayPlace({ slotId, patientId: entry.patient_id, source: 'PHONE' }, env))
    ).slot
  } catch (e) {
    return refusal(e)
  }
  const held = (await heldBySlot(w.tx, [slotId], w.now)).get(slotId) ?? 0
  if (placeVerdict(bandCount(slot, held), 'PHONE') !== 'OK') return 'NONE'
  const deadline = addMinutes(new Date(w.now), env.settings.waitlistOfferMinutes).toISOString()
  const hold = await w.tx
    .insertInto('slot_holds')
    .values({
      slot_id: slotId,
      holder: offerHolder(entry.id),
      expires_at: deadline,
      created_at: w.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const offer = await w.tx
    .insertInto('waitlist_offers')
    .values({ entry_id: entry.id, slot_id: slotId, hold_id: hold.id, deadline, created_at: w.now })
    .returning('id')
    .executeTakeFirstOrThrow()
  w.audit({
    entity: 'slot_hold',
    entityId: hold.id,
    after: { id: hold.id, slotId, expiresAt: deadline },
  })
  w.audit({
    entity: 'waitlist',
    entityId: entry.id,
    before: { status: 'WAITING' },
    after: { status: 'OFFERED', offerId: offer.id, slotId, deadline },
  })
  w.emit('slots.changed', { doctorId: slot.doctor_id, date: slot.date, slotIds: [slotId] })
  return 'OFFERED'
}
