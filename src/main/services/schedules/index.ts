import { setImmediate } from 'node:timers/promises'
import type { DayAvailability } from '../../../shared/contract'
import type { scheduleMethods } from '../../../shared/contract/schedules'
import { AppError } from '../../../shared/errors'
import type { WriteContext } from '../../db/write'
import type { HandlersFor } from '../context'
import { doctorsOfDepartment, requireDoctor } from '../common/doctor-access'
import { closeBands, reopenBands } from './close'
import { daysBetween, plusDays } from '../common/calendar'
import { generateSlots, missingBands } from './generate'
import { SLOT_COLUMNS, heldBySlot, slotsForDoctorDay, toSlot } from './slots'
import { checkTemplate, TEMPLATE_COLUMNS, toTemplate } from './templates'
import { clinicNow, readSettings } from '../settings'
import { checkRange, createLeave } from '../leave/create'

/** Generates from..(today + horizon − 1) inside a write, emitting slots.changed per doctor-day that got bands. */
async function generateInWrite(
  w: WriteContext,
  from: string,
  lastDay: string,
  doctorId?: number,
): Promise<number> {
  const { created, byDoctorDay } = await generateSlots(w.tx, from, lastDay, doctorId)
  for (const change of byDoctorDay.values()) w.emit('slots.changed', change)
  if (created > 0)
    w.audit({
      entity: 'doctor_schedules',
      entityId: doctorId ?? null,
      after: { from, to: lastDay, created },
    })
  return created
}

export const scheduleHandlers: HandlersFor<typeof scheduleMethods> = {
  'templates.list': async ({ doctorId }, { read }) => {
    let q = read.selectFrom('schedule_templates').select(TEMPLATE_COLUMNS)
    if (doctorId !== undefined) q = q.where('doctor_id', '=', doctorId)
    return (await q.orderBy('doctor_id').orderBy('weekday').orderBy('start_time').execute()).map(
      toTemplate,
    )
  },

  'templates.save': async (input, { read, clock, write }) => {
    const settings = await readSettings(read)
    const now = clinicNow(clock, settings)
    return write(async (w) => {
      await requireDoctor(w.tx, input.doctorId)
      await checkTemplate(w.tx, input)
      const values = {
        doctor_id: input.doctorId,
        weekday: input.weekday,
        start_time: input.startTime,
        end_time: input.endTime,
        slot_minutes: input.slotMinutes,
        quota_per_slot: input.quotaPerSlot,
        walk_in_per_slot: input.walkInPerSlot,
        active: input.active ? 1 : 0,
        updated_at: w.now,
      }
      let before
      let row
      if (input.id === undefined) {
        row = await w.tx
          .insertInto('schedule_templates')
          .values({ ...values, created_at: w.now })
          .returning(TEMPLATE_COLUMNS)
          .executeTakeFirstOrThrow()
      } else {
        before = await w.tx
          .selectFrom('schedule_templates')
          .select(TEMPLATE_COLUMNS)
          .where('id', '=', input.id)
          .executeTakeFirst()
        if (!before)
          throw new AppError('NOT_FOUND', { field: 'id', message: 'That session does not exist.' })
        row = await w.tx
          .updateTable('schedule_templates')
          .set(values)
          .where('id', '=', input.id)
          .returning(TEMPLATE_COLUMNS)
          .executeTakeFirstOrThrow()
      }
      const template = toTemplate(row)
      w.audit({
        entity: 'schedule_template',
        entityId: template.id,
        before: before && toTemplate(before),
        after: template,
      })
      w.emit('templates.changed', { doctorId: template.doctorId })
      if (before && before.doctor_id !== template.doctorId)
        w.emit('templates.changed', { doctorId: before.doctor_id })
      await generateInWrite(
        w,
        now.today,
        plusDays(now.today, settings.horizonDays - 1),
        template.doctorId,
      )
      return template
    })
  },

  'templates.remove': ({ id }, { write }) =>
    write(async ({ tx, audit, emit }) => {
      const before = await tx
        .selectFrom('schedule_templates')
        .select(TEMPLATE_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst()
      if (!before) return { removed: false }
      await tx.deleteFrom('schedule_templates').where('id', '=', id).execute()
      audit({ entity: 'schedule_template', entityId: id, before: toTemplate(before) })
      emit('templates.changed', { doctorId: before.doctor_id })
      return { removed: true }
    }),

  'schedules.generate': async ({ from }, { read, clock, write }) => {
    const settings = await readSettings(read)
    const now = clinicNow(clock, settings)
    const start = from !== undefined && from > now.today ? from : now.today
    const lastDay = plusDays(now.today, settings.horizonDays - 1)
    // Which days lack bands, read first: a full horizon (every start, every hour) then opens no
    // unit at all. Each such day is a unit of its own, so that a horizon missing entirely (28
    // days, 8,400 bands at the 1M database) never holds the connection for long: other calls go
    // between the days. A day that fails leaves the days before it made; the next run goes on.
    let created = 0
    for (const date of (await missingBands(read, start, lastDay)).keys()) {
      // Into the event loop between the days: the database is synchronous, so a chain of units
      // would otherwise run to its end in microtasks, with no socket or timer served meanwhile.
      await setImmediate()
      created += await write((w) => generateInWrite(w, date, date))
    }
    return { created }
  },

  // A one-day, whole-day leave (services/leave): listed, and undone by leave.reopen, like any other.
  'schedules.closeDay': async ({ doctorId, date, reason }, { read, clock, write, caller }) => {
    const input = { doctorId, from: date, to: date, session: 'ALL' as const, reason }
    checkRange(input, clinicNow(clock, await readSettings(read)).today)
    return write(async (w) => {
      const { closedSlots, affectedAppointmentIds } = await createLeave(w, input, caller.label)
      return { closedSlots, affectedAppointmentIds }
    })
  },

  'holidays.list': async ({ from }, { read, clock }) => {
    const start = from ?? clinicNow(clock, await readSettings(read)).today
    return read
      .selectFrom('clinic_holidays')
      .select(['date', 'name'])
      .where('date', '>=', start)
      .orderBy('date')
      .execute()
  },

  'holidays.set': ({ date, name }, { write }) =>
    write(async (w) => {
      await w.tx
        .insertInto('clinic_holidays')
        .values({ date, name })
        .onConflict((oc) => oc.column('date').doUpdateSet({ name }))
        .execute()
      const { affectedAppointmentIds } = await closeBands(w, date)
      w.audit({
        entity: 'clinic_holiday',
        entityId: null,
        after: { date, name, affectedAppointmentIds },
      })
      return { date, name, affectedAppointmentIds }
    }),

  'holidays.remove': async ({ date }, { read, clock, write }) => {
    const settings = await readSettings(read)
    const now = clinicNow(clock, settings)
    return write(async (w) => {
      const removed = await w.tx
        .deleteFrom('clinic_holidays')
        .where('date', '=', date)
        .executeTakeFirst()
      if (Number(removed.numDeletedRows) === 0) return { removed: false }
      await reopenBands(w, date)
      const lastDay = plusDays(now.today, settings.horizonDays - 1)
      if (date >= now.today && date <= lastDay) await generateInWrite(w, date, date)
      w.audit({ entity: 'clinic_holiday', entityId: null, before: { date } })
      return { removed: true }
    })
  },

  'slots.forDoctorDay': async ({ doctorId, date }, { read, clock }) => {
    return slotsForDoctorDay(read, doctorId, date, clinicNow(clock, await readSettings(read)))
  },

  'slots.forDepartmentDay': async ({ departmentId, date }, { read, clock }) => {
    const now = clinicNow(clock, await readSettings(read))
    const doctorIds = await doctorsOfDepartment(read, departmentId)
    return Promise.all(
      doctorIds.map(async (doctorId) => ({
        doctorId,
        slots: await slotsForDoctorDay(read, doctorId, date, now),
      })),
    )
  },

  'slots.calendar': async ({ scope, from, to }, { read, clock }) => {
    const span = daysBetween(from, to)
    if (span < 0)
      throw new AppError('INVALID_INPUT', { field: 'to', message: 'to must not be before from.' })
    if (span > 61)
      throw new AppError('INVALID_INPUT', { field: 'to', message: 'At most 62 days at once.' })
    const now = clinicNow(clock, await readSettings(read))
    const doctorIds =
      'doctorId' in scope
        ? [(await requireDoctor(read, scope.doctorId)).id]
        : await doctorsOfDepartment(read, scope.departmentId)
    const rows =
      doctorIds.length === 0
        ? []
        : await read
            .selectFrom('doctor_schedules')
            .select(SLOT_COLUMNS)
            .where('doctor_id', 'in', doctorIds)
            .where('date', '>=', from)
            .where('date', '<=', to)
            .execute()
    const held = await heldBySlot(
      read,
      rows.map((r) => r.id),
      now.instant.toISOString(),
    )
    const holidays = new Set(
      (
        await read
          .selectFrom('clinic_holidays')
          .select('date')
          .where('date', '>=', from)
          .where('date', '<=', to)
          .execute()
      ).map((h) => h.date),
    )
    const days = new Map<string, DayAvailability>()
    for (const row of rows) {
      const slot = toSlot(row, held.get(row.id) ?? 0, now)
      const day = days.get(row.date) ?? { date: row.date, placesLeft: 0, quota: 0, closed: true }
      day.placesLeft += slot.placesLeft
      day.quota += slot.quota
      if (slot.status !== 'CLOSED') day.closed = false
      days.set(row.date, day)
    }
    const out: DayAvailability[] = []
    for (let d = from; d <= to; d = plusDays(d, 1)) {
      const day = days.get(d)
      out.push(day ?? { date: d, placesLeft: 0, quota: 0, closed: holidays.has(d) })
    }
    return out
  },
}
