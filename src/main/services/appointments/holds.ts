import { addMinutes } from 'date-fns'
import type { appointmentMethods } from '../../../shared/contract/appointments'
import { AppError } from '../../../shared/errors'
import type { HandlersFor } from '../context'
import { plusDays } from '../common/calendar'
import { placeVerdict } from '../schedules/places'
import { bandCount, heldBySlot, isPast, SLOT_COLUMNS } from '../schedules/slots'
import { endDueHolds } from '../waitlist/sweep'
import { placesFreed } from '../waitlist/serve'
import { onPgTx } from '../../db/compiled'
import { placeEnvOf } from './env'

type HoldMethods = Pick<typeof appointmentMethods, 'holds.create' | 'holds.release'>

/** The seed's LOCKED: a desk keeps one place while it finishes a phone call. Holds end by themselves at expires_at. */
export const holdHandlers: HandlersFor<HoldMethods> = {
  'holds.create': async ({ slotId }, ctx) => {
    const env = await placeEnvOf(ctx)
    const { settings, now, caller } = env
    return ctx.write(async (w) => {
      const { tx, now: nowIso, audit, emit } = w
      // PostgreSQL: two desks holding the band's last place at once would each count the holds
      // before the other's commit (READ COMMITTED) and both get it. The band's row lock, taken
      // before anything is read, makes the second wait and then count the first's hold. On SQLite
      // the write transaction already holds the file.
      if (onPgTx(tx))
        await tx
          .selectFrom('doctor_schedules')
          .select('id')
          .where('id', '=', slotId)
          .forUpdate()
          .execute()
      // A place an expired hold gave back is the line's (候补) before it is this desk's: served
      // first, so the band read below counts what the line took.
      await endDueHolds(w, env, caller.label, slotId)
      const slot = await tx
        .selectFrom('doctor_schedules')
        .select(SLOT_COLUMNS)
        .where('id', '=', slotId)
        .executeTakeFirst()
      if (!slot)
        throw new AppError('NOT_FOUND', {
          field: 'slotId',
          message: 'That time band does not exist.',
        })
      if (slot.status === 'CLOSED') throw new AppError('SLOT_CLOSED', { field: 'slotId' })
      if (isPast(slot, now)) throw new AppError('SLOT_IN_PAST', { field: 'slotId' })
      if (slot.date > plusDays(now.today, settings.horizonDays - 1))
        throw new AppError('OUT_OF_HORIZON', { field: 'slotId' })
      const held = (await heldBySlot(tx, [slotId], nowIso)).get(slotId) ?? 0
      // A hold keeps a place for a phone booking, so it answers as a phone booking would.
      const verdict = placeVerdict(bandCount(slot, held), 'PHONE')
      if (verdict !== 'OK') throw new AppError(verdict, { field: 'slotId' })
      const expiresAt = addMinutes(new Date(nowIso), settings.holdMinutes).toISOString()
      const hold = await tx
        .insertInto('slot_holds')
        .values({
          slot_id: slotId,
          holder: caller.label,
          expires_at: expiresAt,
          created_at: nowIso,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const result = { id: hold.id, slotId, expiresAt }
      audit({ entity: 'slot_hold', entityId: hold.id, after: result })
      emit('slots.changed', { doctorId: slot.doctor_id, date: slot.date, slotIds: [slotId] })
      return result
    })
  },

  'holds.release': async ({ holdId }, ctx) => {
    const env = await placeEnvOf(ctx)
    const { caller } = ctx
    return ctx.write(async (w) => {
      const { tx, audit, emit } = w
      const hold = await tx
        .selectFrom('slot_holds as h')
        .innerJoin('doctor_schedules as s', 's.id', 'h.slot_id')
        .select(['h.id', 'h.slot_id', 'h.holder', 'h.expires_at', 's.doctor_id', 's.date'])
        .where('h.id', '=', holdId)
        .executeTakeFirst()
      if (!hold) return { released: false }
      if (hold.holder !== caller.label)
        throw new AppError('FORBIDDEN', {
          field: 'holdId',
          message: 'That hold belongs to another desk.',
        })
      await tx.deleteFrom('slot_holds').where('id', '=', holdId).execute()
      audit({
        entity: 'slot_hold',
        entityId: holdId,
        before: { slotId: hold.slot_id, expiresAt: hold.expires_at },
      })
      emit('slots.changed', { doctorId: hold.doctor_id, date: hold.date, slotIds: [hold.slot_id] })
      // The place the hold kept is free again: the line (候补) has it first, in this transaction.
      await placesFreed(w, [hold.slot_id], env)
      return { released: true }
    })
  },
}
