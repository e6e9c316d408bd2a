import type { waitlistMethods } from '../../../shared/contract/waitlist'
import { LIVE_STATUSES } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { HandlersFor } from '../context'
import { requireDoctor } from '../common/doctor-access'
import { placeVerdict } from '../schedules/places'
import { bandCount, heldBySlot, SLOT_COLUMNS } from '../schedules/slots'
import { clinicNow, readSettings } from '../settings'
import { answerHandlers } from './answers'
import { callBacksFrom, entriesOfPatient, lineOf, loadEntry, nowKey } from './rows'
import { sweepHandlers } from './sweep'
import { lockLine } from './line-lock'

export const waitlistHandlers: HandlersFor<typeof waitlistMethods> = {
  'waitlist.add': async (input, ctx) => {
    const settings = await readSettings(ctx.read)
    const now = clinicNow(ctx.clock, settings)
    const entryId = await ctx.write(async (w) => {
      await requireDoctor(w.tx, input.doctorId)
      const patient = await w.tx
        .selectFrom('patients')
        .select(['id', 'phone', 'merged_into'])
        .where('id', '=', input.patientId)
        .executeTakeFirst()
      if (!patient)
        throw new AppError('NOT_FOUND', {
          field: 'patientId',
          message: 'That patient does not exist.',
        })
      if (patient.merged_into !== null)
        throw new AppError('PATIENT_MERGED', {
          field: 'patientId',
          details: { mergedInto: patient.merged_into },
        })
      const phone = input.phone ?? patient.phone
      if (!phone)
        throw new AppError('INVALID_INPUT', {
          field: 'phone',
          message: 'The patient has no phone number on file: enter the number to call back on.',
        })
      // Whether the day is full is read under the line's lock: a place freeing meanwhile waits.
      await lockLine(w.tx, input.doctorId, input.date)
      const day = await w.tx
        .selectFrom('doctor_schedules')
        .select(SLOT_COLUMNS)
        .where('doctor_id', '=', input.doctorId)
        .where('date', '=', input.date)
        .orderBy('start_time')
        .execute()
      const wanted = [...new Set(input.slotIds)]
      for (const slotId of wanted)
        if (!day.some((b) => b.id === slotId))
          throw new AppError('INVALID_INPUT', {
            field: 'slotIds',
            message: `Band ${slotId} is not one of this doctor-day's bands.`,
          })
      // Only bands that have not started can still be given; the entry ends when the last one starts.
      const candidates = day.filter(
        (b) =>
          (wanted.length === 0 || wanted.includes(b.id)) &&
          `${b.date} ${b.start_time}` > nowKey(now),
      )
      const last = candidates.at(-1)
      if (!last)
        throw new AppError('SLOT_IN_PAST', {
          field: wanted.length > 0 ? 'slotIds' : 'date',
          message: 'Every band asked for has already started: there is nothing left to wait for.',
        })
      const held = await heldBySlot(
        w.tx,
        candidates.map((b) => b.id),
        w.now,
      )
      const open = candidates.find(
        (b) =>
          b.status !== 'CLOSED' &&
          placeVerdict(bandCount(b, held.get(b.id) ?? 0), 'PHONE') === 'OK',
      )
      if (open)
        throw new AppError('NOT_FULL', {
          field: wanted.length > 0 ? 'slotIds' : 'date',
          details: { slotId: open.id, startTime: open.start_time },
        })
      const booked = await w.tx
        .selectFrom('appointments')
        .select('id')
        .where('patient_id', '=', input.patientId)
        .where('doctor_id', '=', input.doctorId)
        .where('date', '=', input.date)
        .where('status', 'in', [...LIVE_STATUSES])
        .executeTakeFirst()
      if (booked && settings.onePerDoctorPerDay)
        throw new AppError('ALREADY_BOOKED', {
          field: 'patientId',
          details: { appointmentId: booked.id },
        })
      const waiting = await w.tx
        .selectFrom('waitlist')
        .select('id')
        .where('patient_id', '=', input.patientId)
        .where('doctor_id', '=', input.doctorId)
        .where('date', '=', input.date)
        .where('status', '=', 'WAITING')
        .executeTakeFirst()
      if (waiting)
        throw new AppError('ALREADY_WAITING', {
          field: 'patientId',
          details: { entryId: waiting.id },
        })
      const row = await w.tx
        .insertInto('waitlist')
        .values({
          patient_id: input.patientId,
          doctor_id: input.doctorId,
          date: input.date,
          phone,
          any_band: wanted.length === 0 ? 1 : 0,
          expires_at: `${last.date} ${last.start_time}`,
          created_by: ctx.caller.label,
          created_at: w.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (wanted.length > 0)
        await w.tx
          .insertInto('waitlist_bands')
          .values(wanted.map((slotId) => ({ entry_id: row.id, slot_id: slotId })))
          .execute()
      w.audit({
        entity: 'waitlist',
        entityId: row.id,
        after: { ...input, slotIds: wanted, phone, expiresAt: `${last.date} ${last.start_time}` },
      })
      w.emit('waitlist.changed', { doctorId: input.doctorId, date: input.date })
      return row.id
    })
    return loadEntry(ctx.read, entryId, now)
  },

  'waitlist.list': async ({ doctorId, date }, ctx) => {
    await requireDoctor(ctx.read, doctorId)
    const now = clinicNow(ctx.clock, await readSettings(ctx.read))
    return lineOf(ctx.read, doctorId, date, now)
  },

  'waitlist.position': async ({ id }, ctx) =>
    loadEntry(ctx.read, id, clinicNow(ctx.clock, await readSettings(ctx.read))),

  'waitlist.cancel': async ({ id, reason }, ctx) => {
    const now = clinicNow(ctx.clock, await readSettings(ctx.read))
    await ctx.write(async (w) => {
      const before = await loadEntry(w.tx, id, now)
      if (before.status !== 'WAITING')
        throw new AppError('ILLEGAL_TRANSITION', {
          field: 'id',
          message: `That entry is no longer waiting (${before.status}).`,
          details: { from: before.status, to: 'CANCELED' },
        })
      await w.tx
        .updateTable('waitlist')
        .set({ status: 'CANCELED', cancel_reason: reason, ended_at: w.now })
        .where('id', '=', id)
        .execute()
      w.audit({
        entity: 'waitlist',
        entityId: id,
        before: { status: before.status },
        after: { status: 'CANCELED', reason },
      })
      w.emit('waitlist.changed', { doctorId: before.doctorId, date: before.date })
    })
    return loadEntry(ctx.read, id, now)
  },

  'waitlist.callBacks': async ({ from }, ctx) => {
    const now = clinicNow(ctx.clock, await readSettings(ctx.read))
    return callBacksFrom(ctx.read, from ?? now.today, now)
  },

  'waitlist.forPatient': async ({ patientId }, ctx) =>
    entriesOfPatient(ctx.read, patientId, clinicNow(ctx.clock, await readSettings(ctx.read))),

  ...answerHandlers,
  ...sweepHandlers,

  'waitlist.calledBack': async ({ id }, ctx) => {
    const now = clinicNow(ctx.clock, await readSettings(ctx.read))
    await ctx.write(async (w) => {
      const before = await loadEntry(w.tx, id, now)
      if (before.status !== 'BOOKED' || before.calledBackAt !== null)
        throw new AppError('ILLEGAL_TRANSITION', {
          field: 'id',
          message: 'Only a 候补成功 entry not yet phoned can be marked as phoned.',
          details: { from: before.status, to: 'CALLED_BACK' },
        })
      await w.tx
        .updateTable('waitlist')
        .set({ called_back_at: w.now, called_back_by: ctx.caller.label })
        .where('id', '=', id)
        .execute()
      w.audit({ entity: 'waitlist', entityId: id, after: { calledBack: true } })
      w.emit('waitlist.changed', { doctorId: before.doctorId, date: before.date })
    })
    return loadEntry(ctx.read, id, now)
  },
}
