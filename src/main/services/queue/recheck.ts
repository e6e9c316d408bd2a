import type { Transaction } from 'kysely'
import type { Appointment, AppointmentStatus } from '../../../shared/contract'
import type { queueMethods } from '../../../shared/contract/queue'
import { LIVE_STATUSES } from '../../../shared/contract/appointments'
import { AppError } from '../../../shared/errors'
import { isLive, UNDO_WINDOW_MS, UNDOABLE_METHODS } from '../../../shared/visit'
import type { DB } from '../../db/schema'
import type { WriteContext } from '../../db/write'
import { requireStep } from '../appointments/lifecycle'
import { loadAppointment } from '../appointments/rows'
import { applyStep } from '../appointments/step'
import type { HandlersFor } from '../context'
import { clinicNow, readSettings } from '../settings'
import { queueEntry } from './day'
import { callOrderAfterSkip } from './skip'

type Place = { rule: 'end' } | { rule: 'after'; places: number }

/**
 * Where a patient checked in again goes: after everyone waiting now ('end'), or after the first
 * `places` of them ('after', 0 = next). Nobody else's call_order is rewritten (see skip.ts).
 */
async function callOrderFor(
  tx: Transaction<DB>,
  a: { id: number; doctorId: number; date: string; callOrder: number },
  place: Place,
): Promise<number> {
  if (place.rule === 'after') return callOrderAfterSkip(tx, a, place.places)
  const last = await tx
    .selectFrom('appointments')
    .select((eb) => eb.fn.max('call_order').as('last'))
    .where('doctor_id', '=', a.doctorId)
    .where('date', '=', a.date)
    .where('status', 'in', ['CHECKED_IN', 'SKIPPED'])
    .where('id', '!=', a.id)
    .executeTakeFirst()
  return last?.last == null ? a.callOrder : Number(last.last) + 1
}

/** A NO_SHOW gave up its one-per-day guard: taking it back must not make two live bookings. */
async function refuseSecondLive(
  tx: Transaction<DB>,
  a: Pick<Appointment, 'id' | 'patientId' | 'doctorId' | 'date'>,
): Promise<void> {
  const other = await tx
    .selectFrom('appointments')
    .select('id')
    .where('patient_id', '=', a.patientId)
    .where('doctor_id', '=', a.doctorId)
    .where('date', '=', a.date)
    .where('status', 'in', LIVE_STATUSES)
    .where('id', '!=', a.id)
    .executeTakeFirst()
  if (other)
    throw new AppError('ALREADY_BOOKED', {
      message: 'The patient already has another live booking with this doctor today.',
      details: { appointmentId: other.id },
    })
}

interface AuditRow {
  readonly id: number
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly before: string | null
  readonly after: string | null
}

const expired = (why: 'none' | 'time' | 'later' | 'changed', message: string): AppError =>
  new AppError('UNDO_EXPIRED', { message, details: { why } })

/**
 * The audit row queue.undo takes back: the appointment's newest, written by this caller through
 * 过号 or 未到, younger than UNDO_WINDOW_MS, and the caller's last write since.
 */
async function undoable(w: WriteContext, id: number, actor: string): Promise<AuditRow> {
  const row = await w.tx
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor', 'action', 'before', 'after'])
    .where('entity', '=', 'appointment')
    .where('entity_id', '=', id)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row || !(UNDOABLE_METHODS as readonly string[]).includes(row.action))
    throw expired('none', 'The last change to that appointment was not a skip or no-show.')
  if (row.actor !== actor) throw expired('none', 'Only whoever made that change can undo it.')
  const age = new Date(w.now).getTime() - new Date(row.at).getTime()
  if (age > UNDO_WINDOW_MS)
    throw expired('time', `That was ${Math.round(age / 1000)} s ago: too late to undo.`)
  const later = await w.tx
    .selectFrom('audit_log')
    .select('id')
    .where('id', '>', row.id)
    .where('actor', '=', actor)
    .limit(1)
    .executeTakeFirst()
  if (later)
    throw expired('later', 'You have done something else since: only the last step can be undone.')
  return row
}

const parse = (json: string | null): Record<string, unknown> =>
  json ? (JSON.parse(json) as Record<string, unknown>) : {}

export const recheckHandlers: Pick<
  HandlersFor<typeof queueMethods>,
  'queue.recheckIn' | 'queue.undo'
> = {
  'queue.recheckIn': async ({ id, place, reason }, ctx) => {
    const settings = await readSettings(ctx.read)
    const today = clinicNow(ctx.clock, settings).today
    return ctx.write(async (w) => {
      const before = await loadAppointment(w.tx, id)
      if (before.date !== today)
        throw new AppError('ILLEGAL_TRANSITION', {
          message: `Checking in again is only possible on the day itself (${before.date}).`,
          details: { from: before.status, to: 'CHECKED_IN', step: 'recheckIn' },
        })
      requireStep('recheckIn', before.status)
      if (before.status === 'NO_SHOW' && settings.onePerDoctorPerDay)
        await refuseSecondLive(w.tx, before)
      const order = await callOrderFor(w.tx, before, place)
      const after = await applyStep(w, id, 'recheckIn', {
        today,
        set: {
          call_order: order,
          checked_in_at: w.now,
          ...(before.status === 'NO_SHOW' && settings.onePerDoctorPerDay
            ? { live_guard: 1 as const }
            : {}),
          // Back in the queue: a later NO_SHOW of this booking is judged afresh.
          ...(before.status === 'NO_SHOW' ? { no_show_excused: 0 } : {}),
        },
        before: { call_order: before.callOrder, checked_in_at: before.checkedInAt },
        note: { reason, place },
      })
      return queueEntry(w.tx, after, w.now)
    })
  },

  'queue.undo': async ({ id }, ctx) => {
    const settings = await readSettings(ctx.read)
    const today = clinicNow(ctx.clock, settings).today
    return ctx.write(async (w) => {
      const current = await loadAppointment(w.tx, id)
      const row = await undoable(w, id, ctx.caller.label)
      const was = parse(row.before)
      const made = parse(row.after)
      const to = was.status as AppointmentStatus
      if (current.status !== made.status || current.date !== today)
        throw expired('changed', 'That appointment has changed since.')
      if (to === 'CALLED') {
        const inRoom = await w.tx
          .selectFrom('appointments')
          .select('queue_no')
          .where('doctor_id', '=', current.doctorId)
          .where('date', '=', current.date)
          .where('status', 'in', ['CALLED', 'IN_PROGRESS'])
          .where('id', '!=', id)
          .executeTakeFirst()
        if (inRoom)
          throw expired(
            'later',
            `No. ${inRoom.queue_no} is in the room now: undo is no longer possible.`,
          )
      }
      const guard = isLive(to) && !isLive(current.status) && settings.onePerDoctorPerDay
      if (guard) await refuseSecondLive(w.tx, current)
      const restored = {
        status: to,
        skip_count: typeof was.skip_count === 'number' ? was.skip_count : current.skipCount,
        call_order: typeof was.call_order === 'number' ? was.call_order : current.callOrder,
      }
      const changed = await w.tx
        .updateTable('appointments')
        .set({ ...restored, updated_at: w.now, ...(guard ? { live_guard: 1 as const } : {}) })
        .where('id', '=', id)
        .where('status', '=', current.status)
        .executeTakeFirst()
      if (Number(changed.numUpdatedRows) !== 1) throw new AppError('STALE')
      w.audit({
        entity: 'appointment',
        entityId: id,
        before: {
          status: current.status,
          skip_count: current.skipCount,
          call_order: current.callOrder,
        },
        after: { ...restored, undoes: row.id },
      })
      w.emit('appointments.changed', {
        doctorId: current.doctorId,
        date: current.date,
        appointmentIds: [id],
      })
      w.emit('display.changed', { doctorId: current.doctorId })
      return queueEntry(w.tx, await loadAppointment(w.tx, id), w.now)
    })
  },
}
