import { sql } from 'kysely'
import type { ExtraPlace, MethodParsed } from '../../../shared/contract'
import { EXTRA_PER_BAND, type extraMethods } from '../../../shared/contract/extra'
import { AppError } from '../../../shared/errors'
import type { Caller } from '../../../shared/roles'
import type { WriteContext } from '../../db/write'
import { placeBooking } from '../appointments/place'
import { loadAppointment } from '../appointments/rows'
import { withoutOrder } from '../appointments/step'
import { placesFreed } from '../waitlist/serve'
import type { HandlersFor } from '../context'
import { requireDoctor } from '../common/doctor-access'
import { heldBySlot, isPast, SLOT_COLUMNS, toSlot } from '../schedules/slots'
import { clinicNow, readSettings, type ClinicNow } from '../settings'
import { EXTRA_COLUMNS, toExtraPlace } from './rows'

type AddExtra = MethodParsed<'slots.addExtra'>

/**
 * Who agreed: a doctor's screen speaks for its own doctor; a desk must name the doctor, and only
 * the band's doctor can agree to see more patients in it.
 */
function agreeingDoctor(input: AddExtra, caller: Caller, bandDoctor: number): number {
  if (caller.role === 'doctor') {
    if (input.agreedBy !== undefined && input.agreedBy !== caller.doctorId)
      throw new AppError('FORBIDDEN', {
        field: 'agreedBy',
        message: "A doctor's screen can only agree for its own doctor.",
      })
    if (input.book)
      throw new AppError('FORBIDDEN', {
        field: 'book',
        message: 'Bookings are made at the desk.',
      })
    return bandDoctor
  }
  if (input.agreedBy === undefined)
    throw new AppError('INVALID_INPUT', {
      field: 'agreedBy',
      message: 'Name the doctor who agreed to the extra place.',
    })
  if (input.agreedBy !== bandDoctor)
    throw new AppError('INVALID_INPUT', {
      field: 'agreedBy',
      message: "Only the band's own doctor can agree to an extra place in it.",
    })
  return input.agreedBy
}

/** The first result of this submission, when its key was used before (a double click, a retry). */
async function replay(w: WriteContext, key: string, slotId: number, now: ClinicNow) {
  const row = await w.tx
    .selectFrom('extra_places')
    .select(EXTRA_COLUMNS)
    .where('idempotency_key', '=', key)
    .executeTakeFirst()
  if (!row) return undefined
  if (row.slot_id !== slotId)
    throw new AppError('CONFLICT', {
      field: 'idempotencyKey',
      message: 'That submission key was already used for another band.',
    })
  return result(w, toExtraPlace(row), now)
}

async function result(w: WriteContext, extra: ExtraPlace, now: ClinicNow) {
  const band = await w.tx
    .selectFrom('doctor_schedules')
    .select(SLOT_COLUMNS)
    .where('id', '=', extra.slotId)
    .executeTakeFirstOrThrow()
  const held = await heldBySlot(w.tx, [band.id], now.instant.toISOString())
  const appointment =
    extra.appointmentId === null
      ? null
      : withoutOrder(await loadAppointment(w.tx, extra.appointmentId))
  return { extra, slot: toSlot(band, held.get(band.id) ?? 0, now), appointment }
}

export const extraHandlers: HandlersFor<typeof extraMethods> = {
  'slots.addExtra': async (input, ctx) => {
    const settings = await readSettings(ctx.read)
    const now = clinicNow(ctx.clock, settings)
    return ctx.write(async (w) => {
      const first = await replay(w, input.idempotencyKey, input.slotId, now)
      if (first) return first
      const band = await w.tx
        .selectFrom('doctor_schedules')
        .select(SLOT_COLUMNS)
        .where('id', '=', input.slotId)
        .executeTakeFirst()
      if (!band)
        throw new AppError('NOT_FOUND', {
          field: 'slotId',
          message: 'That time band does not exist.',
        })
      const agreedBy = agreeingDoctor(input, ctx.caller, band.doctor_id)
      await requireDoctor(w.tx, agreedBy, 'agreedBy')
      if (band.status === 'CLOSED') throw new AppError('SLOT_CLOSED', { field: 'slotId' })
      if (isPast(band, now)) throw new AppError('SLOT_IN_PAST', { field: 'slotId' })
      if (band.extra_places + input.count > EXTRA_PER_BAND)
        throw new AppError('INVALID_INPUT', {
          field: 'count',
          message: `At most ${EXTRA_PER_BAND} extra places in one band (it has ${band.extra_places}).`,
        })
      if (input.book?.source === 'WALK_IN' && band.date !== now.today)
        throw new AppError('INVALID_INPUT', {
          field: 'book.source',
          message: 'A walk-in is booked for today only.',
        })

      // The quota rises by exactly the extra places, in this transaction: never a silent edit.
      const raised = await w.tx
        .updateTable('doctor_schedules')
        .set({
          quota: sql`quota + ${input.count}`,
          extra_places: sql`extra_places + ${input.count}`,
          status: 'AVAILABLE',
        })
        .where('id', '=', band.id)
        .where('status', '!=', 'CLOSED')
        .executeTakeFirst()
      if (Number(raised.numUpdatedRows) !== 1)
        throw new Error(`slots.addExtra: band ${band.id} was not raised`)

      const inserted = await w.tx
        .insertInto('extra_places')
        .values({
          slot_id: band.id,
          doctor_id: band.doctor_id,
          date: band.date,
          start_time: band.start_time,
          count: input.count,
          agreed_by: agreedBy,
          reason: input.reason,
          appointment_id: null,
          idempotency_key: input.idempotencyKey,
          created_by: ctx.caller.label,
          created_at: w.now,
        })
        .returning(EXTRA_COLUMNS)
        .executeTakeFirstOrThrow()
      let extra = toExtraPlace(inserted)
      w.audit({
        entity: 'extra_places',
        entityId: extra.id,
        before: { quota: band.quota, extraPlaces: band.extra_places },
        after: {
          ...extra,
          quota: band.quota + input.count,
          extraPlaces: band.extra_places + input.count,
        },
      })
      w.emit('slots.changed', { doctorId: band.doctor_id, date: band.date, slotIds: [band.id] })

      if (input.book) {
        const appointment = placeBooking(
          w,
          {
            slotId: band.id,
            patientId: input.book.patientId,
            source: input.book.source,
            chiefComplaint: input.book.chiefComplaint,
            idempotencyKey: input.idempotencyKey,
          },
          { caller: ctx.caller, settings, now },
        )
        await w.tx
          .updateTable('extra_places')
          .set({ appointment_id: appointment.id })
          .where('id', '=', extra.id)
          .execute()
        extra = { ...extra, appointmentId: appointment.id }
      }
      // The places left over go to the band's waitlist (候补), in this same transaction.
      await placesFreed(w, [band.id], { caller: ctx.caller, settings, now })
      return result(w, extra, now)
    })
  },

  'slots.extraForDay': async ({ doctorId, date }, { read }) => {
    await requireDoctor(read, doctorId)
    const rows = await read
      .selectFrom('extra_places')
      .select(EXTRA_COLUMNS)
      .where('doctor_id', '=', doctorId)
      .where('date', '=', date)
      .orderBy('start_time')
      .orderBy('id')
      .execute()
    return rows.map(toExtraPlace)
  },
}
