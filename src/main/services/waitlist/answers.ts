import type { waitlistMethods } from '../../../shared/contract/waitlist'
import { AppError } from '../../../shared/errors'
import { stepsIn } from '../../db/steps'
import type { WriteContext } from '../../db/write'
import { placeEnvOf } from '../appointments/env'
import { placeBooking } from '../appointments/place'
import type { HandlersFor } from '../context'
import { loadEntry } from './rows'
import { placesFreed } from './serve'

type AnswerMethods = Pick<typeof waitlistMethods, 'waitlist.accept' | 'waitlist.decline'>

/** The entry's open offer (候补待确认), or ILLEGAL_TRANSITION: only an offered entry can be answered. */
async function openOffer(w: WriteContext, entryId: number, to: string) {
  const offer = await w.tx
    .selectFrom('waitlist_offers as o')
    .innerJoin('waitlist as w', 'w.id', 'o.entry_id')
    .select([
      'o.id',
      'o.slot_id',
      'o.hold_id',
      'o.deadline',
      'w.patient_id',
      'w.doctor_id',
      'w.date',
    ])
    .where('o.entry_id', '=', entryId)
    .where('o.status', '=', 'OPEN')
    .executeTakeFirst()
  if (offer) return offer
  const entry = await w.tx
    .selectFrom('waitlist')
    .select('status')
    .where('id', '=', entryId)
    .executeTakeFirst()
  if (!entry)
    throw new AppError('NOT_FOUND', { field: 'id', message: 'That waitlist entry does not exist.' })
  throw new AppError('ILLEGAL_TRANSITION', {
    field: 'id',
    message: 'No place is offered to that entry (候补待确认) any more.',
    details: { from: entry.status, to },
  })
}

/** Ends an offer (ACCEPTED, DECLINED or LAPSED) and drops its hold, in the caller's transaction. */
export async function closeOffer(
  w: WriteContext,
  offer: { id: number; hold_id: number },
  status: 'ACCEPTED' | 'DECLINED' | 'LAPSED',
  by: string,
): Promise<void> {
  // Guarded: two desks answering one offer at once (on PostgreSQL both may have read it OPEN),
  // the second finds it closed once the first commits, and is told so.
  const closed = await w.tx
    .updateTable('waitlist_offers')
    .set({ status, ended_at: w.now, ended_by: by })
    .where('id', '=', offer.id)
    .where('status', '=', 'OPEN')
    .executeTakeFirst()
  if (Number(closed.numUpdatedRows) !== 1)
    throw new AppError('ILLEGAL_TRANSITION', {
      field: 'id',
      message: 'That offer (候补待确认) was answered meanwhile, at another desk.',
      details: { to: status },
    })
  await w.tx.deleteFrom('slot_holds').where('id', '=', offer.hold_id).execute()
}

/** Offer mode: the desk's answer once it has phoned the patient offered a place. */
export const answerHandlers: HandlersFor<AnswerMethods> = {
  'waitlist.accept': async ({ id }, ctx) => {
    const env = await placeEnvOf(ctx)
    await ctx.write(async (w) => {
      const offer = await openOffer(w, id, 'BOOKED')
      if (offer.deadline <= w.now)
        throw new AppError('HOLD_EXPIRED', {
          field: 'id',
          message: 'The time to confirm this place has passed: it goes to the next in line.',
        })
      // The held place is this entry's: dropped and taken in one transaction, nobody comes between.
      await closeOffer(w, offer, 'ACCEPTED', ctx.caller.label)
      const appointment = await stepsIn(
        w,
        placeBooking(
          w,
          {
            slotId: offer.slot_id,
            patientId: offer.patient_id,
            source: 'PHONE',
            chiefComplaint: '',
            idempotencyKey: `waitlist:${id}`,
          },
          env,
        ),
      )
      // The desk has just spoken to the patient: no call back is due.
      await w.tx
        .updateTable('waitlist')
        .set({
          status: 'BOOKED',
          appointment_id: appointment.id,
          ended_at: w.now,
          called_back_at: w.now,
          called_back_by: ctx.caller.label,
        })
        .where('id', '=', id)
        .execute()
      w.audit({
        entity: 'waitlist',
        entityId: id,
        before: { status: 'OFFERED', offerId: offer.id },
        after: {
          status: 'BOOKED',
          appointmentId: appointment.id,
          slotId: offer.slot_id,
          calledBack: true,
        },
      })
      w.emit('waitlist.changed', { doctorId: offer.doctor_id, date: offer.date })
    })
    return loadEntry(ctx.read, id, env.now)
  },

  'waitlist.decline': async ({ id, reason }, ctx) => {
    const env = await placeEnvOf(ctx)
    await ctx.write(async (w) => {
      const offer = await openOffer(w, id, 'CANCELED')
      await declineOffer(w, { ...offer, entry_id: id }, 'DECLINED', reason, ctx.caller.label)
      await placesFreed(w, [offer.slot_id], env)
    })
    return loadEntry(ctx.read, id, env.now)
  },
}

/**
 * The patient will not take the place (declined) or did not answer in time (lapsed): the entry
 * leaves the line, CANCELED with the reason, and the place is free again for the caller to serve.
 */
export async function declineOffer(
  w: WriteContext,
  offer: {
    id: number
    hold_id: number
    entry_id: number
    slot_id: number
    doctor_id: number
    date: string
  },
  status: 'DECLINED' | 'LAPSED',
  reason: string,
  by: string,
): Promise<void> {
  await closeOffer(w, offer, status, by)
  await w.tx
    .updateTable('waitlist')
    .set({ status: 'CANCELED', cancel_reason: reason, ended_at: w.now })
    .where('id', '=', offer.entry_id)
    .where('status', '=', 'WAITING')
    .execute()
  w.audit({
    entity: 'waitlist',
    entityId: offer.entry_id,
    before: { status: 'OFFERED', offerId: offer.id },
    after: { status: 'CANCELED', offer: status, reason },
  })
  w.emit('waitlist.changed', { doctorId: offer.doctor_id, date: offer.date })
  w.emit('slots.changed', { doctorId: offer.doctor_id, date: offer.date, slotIds: [offer.slot_id] })
}
