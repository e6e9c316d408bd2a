import type { displayMethods, queueMethods } from '../../../shared/contract/queue'
import { AppError } from '../../../shared/errors'
import { loadAppointment } from '../appointments/rows'
import { applyStep } from '../appointments/step'
import type { HandlersFor, ServiceContext } from '../context'
import { emitCall, buildBoard } from './display'
import { queueDay, queueEntry } from './day'
import { recheckHandlers } from './recheck'
import { callOrderAfterSkip } from './skip'
import { clinicNow, readSettings } from '../settings'
import { readPolicy } from '../policy'
import { graceOver } from '../../../shared/policy/check'

async function today(
  ctx: ServiceContext,
): Promise<{ today: string; skipBackPlaces: number; skipLimit: number }> {
  const settings = await readSettings(ctx.read)
  return {
    today: clinicNow(ctx.clock, settings).today,
    skipBackPlaces: settings.skipBackPlaces,
    skipLimit: settings.skipLimit,
  }
}

/** A visit step on one appointment, returning its queue entry. */
const step =
  (name: 'start' | 'complete' | 'noShow', column?: 'started_at' | 'completed_at') =>
  async ({ id }: { id: number }, ctx: ServiceContext) => {
    const { today: day } = await today(ctx)
    return ctx.write(async (w) => {
      const after = await applyStep(w, id, name, {
        today: day,
        set: column ? { [column]: w.now } : {},
        check: (a) => {
          if (a.date > day)
            throw new AppError('ILLEGAL_TRANSITION', {
              message: `That appointment is on ${a.date}, not yet today.`,
              details: { from: a.status },
            })
        },
      })
      return queueEntry(w.tx, after, w.now)
    })
  }

export const queueHandlers: HandlersFor<typeof queueMethods> = {
  'queue.forDoctorDay': async ({ doctorId, date }, { read, clock }) => {
    return queueDay(read, doctorId, date, clock.now().toISOString())
  },

  'queue.callNext': async ({ doctorId }, ctx) => {
    const { today: day } = await today(ctx)
    return ctx.write(async (w) => {
      const called = await w.tx
        .selectFrom('appointments')
        .select('queue_no')
        .where('doctor_id', '=', doctorId)
        .where('date', '=', day)
        .where('status', '=', 'CALLED')
        .executeTakeFirst()
      if (called) {
        throw new AppError('ILLEGAL_TRANSITION', {
          message: `No. ${called.queue_no} is still CALLED: start, skip or re-call them first.`,
          details: { from: 'CALLED', to: 'CALLED' },
        })
      }
      const next = await w.tx
        .selectFrom('appointments')
        .select('id')
        .where('doctor_id', '=', doctorId)
        .where('date', '=', day)
        .where('status', 'in', ['CHECKED_IN', 'SKIPPED'])
        .orderBy('call_order')
        .executeTakeFirst()
      if (!next) throw new AppError('NOT_FOUND', { message: 'Nobody is waiting.' })
      const after = await applyStep(w, next.id, 'call', { today: day, set: { called_at: w.now } })
      await emitCall(w, after)
      return queueEntry(w.tx, after, w.now)
    })
  },

  'queue.recall': async ({ id }, ctx) => {
    const { today: day } = await today(ctx)
    return ctx.write(async (w) => {
      const after = await applyStep(w, id, 'recall', { today: day, set: { called_at: w.now } })
      await emitCall(w, after)
      return queueEntry(w.tx, after, w.now)
    })
  },

  'queue.start': step('start', 'started_at'),
  'queue.complete': step('complete', 'completed_at'),
  'queue.noShow': step('noShow'),

  'queue.skip': async ({ id }, ctx) => {
    const rules = await today(ctx)
    return ctx.write(async (w) => {
      const before = await loadAppointment(w.tx, id)
      const skips = before.skipCount + 1
      const noShow = skips >= rules.skipLimit
      const order =
        noShow || before.status !== 'CALLED'
          ? before.callOrder
          : await callOrderAfterSkip(w.tx, before, rules.skipBackPlaces)
      const after = await applyStep(w, id, 'skip', {
        today: rules.today,
        to: noShow ? 'NO_SHOW' : 'SKIPPED',
        set: { skip_count: skips, call_order: order },
        before: { skip_count: before.skipCount, call_order: before.callOrder },
      })
      return queueEntry(w.tx, after, w.now)
    })
  },

  ...recheckHandlers,

  'queue.closeSession': async ({ doctorId, date }, ctx) => {
    const settings = await readSettings(ctx.read)
    const clinic = clinicNow(ctx.clock, settings)
    const day = clinic.today
    if (date > day)
      throw new AppError('ILLEGAL_TRANSITION', {
        field: 'date',
        message: 'A session can only be closed on or after its day.',
      })
    const policy = await readPolicy(ctx.read)
    return ctx.write(async ({ tx, now, audit, emit }) => {
      const rows = await tx
        .selectFrom('appointments as a')
        .innerJoin('doctor_schedules as s', 's.id', 'a.slot_id')
        .select(['a.id', 's.start_time'])
        .where('a.doctor_id', '=', doctorId)
        .where('a.date', '=', date)
        .where('a.status', 'in', ['PENDING', 'CONFIRMED', 'SKIPPED'])
        .orderBy('a.id')
        .execute()
      const ids = rows.map((r) => r.id)
      if (ids.length === 0) return { noShows: 0 }
      // The session is over for everyone, but a booking whose band start + grace has not come
      // yet was not missed by the patient: it is NO_SHOW without counting as 爽约 (excused), and
      // a late patient who still comes within the grace is checked in again (queue.recheckIn).
      const excused = rows
        .filter((r) => !graceOver(policy, { date, startTime: r.start_time }, clinic))
        .map((r) => r.id)
      await tx
        .updateTable('appointments')
        .set({ status: 'NO_SHOW', live_guard: null, updated_at: now })
        .where('id', 'in', ids)
        .execute()
      if (excused.length > 0)
        await tx
          .updateTable('appointments')
          .set({ no_show_excused: 1 })
          .where('id', 'in', excused)
          .execute()
      audit({ entity: 'doctor_day', entityId: doctorId, after: { date, noShows: ids, excused } })
      emit('appointments.changed', { doctorId, date, appointmentIds: ids })
      if (date === day) emit('display.changed', { doctorId })
      return { noShows: ids.length }
    })
  },
}

export const displayHandlers: HandlersFor<typeof displayMethods> = {
  'display.board': async ({ nextCount }, ctx) =>
    buildBoard(ctx.read, (await today(ctx)).today, nextCount),
}
