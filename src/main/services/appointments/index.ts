import type { Appointment } from '../../../shared/contract'
import type { appointmentMethods } from '../../../shared/contract/appointments'
import { AppError } from '../../../shared/errors'
import { sql } from 'kysely'
import { compiled, onPgTx } from '../../db/compiled'
import type { WriteContext } from '../../db/write'
import { runSteps, stepsIn, first, type Steps } from '../../db/steps'
import { archiveBefore, archivedQuery, patientHistory } from './archive'
import { holdHandlers } from './holds'
import { MOVED_REASON, requireMovable } from './lifecycle'
import { freePlace } from './free'
import { bookOnPg } from './book-pg'
import { placeBooking } from './place'
import { appointmentQuery, loadAppointment, loadAppointmentStep, toAppointment } from './rows'
import { applyStep, withoutOrder } from './step'
import { buildTicket } from './ticket'
import { findWalkInBand } from './walk-in'
import type { HandlersFor } from '../context'
import { plusDays } from '../common/calendar'
import { placeEnvOf } from './env'
import { refund, refundOnCancel } from '../payments/give-back'
import { carryOver } from '../payments/take'
import { isLateCancel } from '../../../shared/policy/check'

/** Every booking call's environment (appointments/env.ts). */
const envOf = placeEnvOf

const liveByKey = compiled<{ key: string }>()((db, $) =>
  db
    .selectFrom('appointments')
    .select(['id', 'patient_id'])
    .where('idempotency_key', '=', $('key')),
)
const archivedByKey = compiled<{ key: string }>()((db, $) =>
  archivedQuery(db).where('a.idempotency_key', '=', $('key')),
)

const mergedInto = compiled<{ id: number }>()((db, $) =>
  db.selectFrom('patients').select('merged_into').where('id', '=', $('id')),
)

/**
 * The first result of a submission, when this key was used before (a double click, a retry), even
 * once that appointment has been archived, or its patient's record merged into another
 * (patients.merge moved the appointment, key and all, to the record kept).
 */
function* replay(key: string, patientId: number): Steps<Appointment | undefined> {
  const live = yield* first(liveByKey, { key })
  const archived = live ? undefined : yield* first(archivedByKey, { key })
  const usedBy = live?.patient_id ?? archived?.patient_id
  if (usedBy === undefined) return undefined
  if (
    usedBy !== patientId &&
    (yield* first(mergedInto, { id: patientId }))?.merged_into !== usedBy
  ) {
    throw new AppError('CONFLICT', {
      field: 'idempotencyKey',
      message: 'That submission key was already used for another patient.',
    })
  }
  if (live) return withoutOrder(yield* loadAppointmentStep(live.id))
  return archived && toAppointment(archived)
}

/** PostgreSQL's unique violation on appointments.idempotency_key: another unit used the key first. */
const isKeyTaken = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === '23505' &&
  (error as { constraint?: unknown }).constraint === 'appointments_idempotency_key_key'

/**
 * PostgreSQL: two hosts (or two connections of one) given the same submission at once would both
 * find no earlier use of its key, READ COMMITTED reading per statement. A transaction-scoped
 * advisory lock on the key makes the second wait for the first's COMMIT, then replay it; other
 * keys never wait. SQLite needs nothing: its units run one at a time. (appointments.book takes
 * no lock: its one-statement path, book-pg.ts, lets the key's unique index refuse the second,
 * whose unit then runs again and replays: one round trip less on every booking.)
 */
async function lockKey(w: WriteContext, key: string): Promise<void> {
  if (onPgTx(w.tx)) await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(w.tx)
}

export const appointmentHandlers: HandlersFor<typeof appointmentMethods> = {
  ...holdHandlers,

  'appointments.book': async (input, ctx) => {
    const env = await envOf(ctx)
    function* book(w: Parameters<typeof placeBooking>[0]): Steps<Appointment> {
      return (
        (yield* replay(input.idempotencyKey, input.patientId)) ??
        (yield* placeBooking(w, { ...input, source: 'PHONE' }, env))
      )
    }
    // SQLite: the synchronous unit and its group commit. PostgreSQL: the booking in one statement
    // chain (book-pg.ts), grouped with the bookings waiting at the same moment (a refusal changes
    // nothing: bookOnPg gives back a place it took); two hosts given the same new key at once both insert it, and the
    // second's unique violation, raised once the first committed, reruns its unit: it replays.
    if (ctx.engine !== 'postgres') return ctx.writeSync((w) => runSteps(w, book(w)))
    const once = () =>
      ctx.writeGrouped(
        (w) => bookOnPg(w, { ...input, source: 'PHONE' }, env, () => book(w)),
        input.slotId,
      )
    return once().catch((error: unknown) => {
      if (isKeyTaken(error)) return once()
      throw error
    })
  },

  'appointments.walkIn': async (input, ctx) => {
    const env = await envOf(ctx)
    return ctx.write(async (w) => {
      await lockKey(w, input.idempotencyKey)
      const again = await stepsIn(w, replay(input.idempotencyKey, input.patientId))
      if (again) return again
      const slotId = await findWalkInBand(w, input.scope, input.patientId, env)
      return stepsIn(
        w,
        placeBooking(
          w,
          {
            slotId,
            patientId: input.patientId,
            source: 'WALK_IN',
            chiefComplaint: input.chiefComplaint,
            idempotencyKey: input.idempotencyKey,
          },
          env,
        ),
      )
    })
  },

  'appointments.cancel': async ({ id, reason }, ctx) => {
    const env = await envOf(ctx)
    return ctx.write(async (w) => {
      // After the cancellation deadline a phone booking's cancel is a late cancel (爽约, if the
      // suspension rule counts them): its day is kept on the row, which the booking path reads.
      const booking = await loadAppointment(w.tx, id)
      const late =
        env.policy !== undefined &&
        booking.source === 'PHONE' &&
        isLateCancel(env.policy, booking, env.now)
      const after = await applyStep(w, id, 'cancel', {
        today: env.now.today,
        set: {
          cancel_reason: reason,
          canceled_at: w.now,
          ...(late ? { late_canceled_on: env.now.today } : {}),
        },
      })
      await freePlace(w, after, env)
      w.emit('slots.changed', {
        doctorId: after.doctorId,
        date: after.date,
        slotIds: [after.slotId],
      })
      // Issue 17: 退号 of a paid booking gives the fee back in the same transaction.
      await refundOnCancel(w, ctx.caller, id, reason)
      return withoutOrder(after)
    })
  },

  'appointments.reschedule': async ({ id, toSlotId, idempotencyKey }, ctx) => {
    const env = await envOf(ctx)
    return ctx.write(async (w) => {
      const old = await loadAppointment(w.tx, id)
      await lockKey(w, idempotencyKey)
      const again = await stepsIn(w, replay(idempotencyKey, old.patientId))
      if (again) return again
      // Before the band check: a canceled booking is in no band, whatever its slotId says.
      requireMovable(old)
      if (old.slotId === toSlotId)
        throw new AppError('INVALID_INPUT', {
          field: 'toSlotId',
          message: 'That is the band it is already in.',
        })
      // Cancel first so the one-per-day rule lets a move within the same doctor-day through; a failure below undoes both.
      const canceled = await applyStep(w, id, 'cancel', {
        today: env.now.today,
        set: { cancel_reason: MOVED_REASON, canceled_at: w.now },
      })
      await freePlace(w, canceled, env)
      w.emit('slots.changed', {
        doctorId: canceled.doctorId,
        date: canceled.date,
        slotIds: [canceled.slotId],
      })
      const moved = await stepsIn(
        w,
        placeBooking(
          w,
          {
            slotId: toSlotId,
            patientId: old.patientId,
            source: 'PHONE',
            chiefComplaint: old.chiefComplaint,
            idempotencyKey,
            rescheduledFrom: id,
          },
          env,
        ),
      )
      // Issue 17: the payment moves with the booking; a lower new fee gives the difference back.
      const carried = await carryOver(w, ctx.caller, id, moved, env.now.today)
      if (!carried) return moved
      if (carried.overpaidFen > 0)
        await refund(w, ctx.caller, {
          paymentId: carried.payment.id,
          amountFen: carried.overpaidFen,
          reason: MOVED_REASON,
        })
      return carried.appointment
    })
  },

  'appointments.checkIn': async ({ id }, ctx) => {
    const { now } = await envOf(ctx)
    return ctx.write(async (w) =>
      withoutOrder(
        await applyStep(w, id, 'checkIn', {
          today: now.today,
          set: { checked_in_at: w.now },
          check: (a) => {
            if (a.date !== now.today)
              throw new AppError('ILLEGAL_TRANSITION', {
                message: `Check-in is only possible on the day (${a.date}).`,
                details: { from: a.status, to: 'CHECKED_IN' },
              })
          },
        }),
      ),
    )
  },

  'appointments.get': async ({ id }, { read }) => withoutOrder(await loadAppointment(read, id)),

  'appointments.forDay': async ({ date, doctorId, statuses }, { read }) => {
    let q = appointmentQuery(read).where('a.date', '=', date)
    if (doctorId !== undefined) q = q.where('a.doctor_id', '=', doctorId)
    if (statuses && statuses.length > 0) q = q.where('a.status', 'in', statuses)
    return (await q.orderBy('s.start_time').orderBy('a.queue_no').execute()).map(toAppointment)
  },

  'appointments.ticket': async ({ id }, ctx) => buildTicket(ctx.read, id, await envOf(ctx)),

  'patients.history': async ({ patientId, limit }, { read }) => {
    const patient = await read
      .selectFrom('patients')
      .select('id')
      .where('id', '=', patientId)
      .executeTakeFirst()
    if (!patient)
      throw new AppError('NOT_FOUND', {
        field: 'patientId',
        message: 'That patient does not exist.',
      })
    return patientHistory(read, patientId, limit)
  },

  'appointments.archive': async (_input, ctx) => {
    const { settings, now } = await envOf(ctx)
    const cutoff = plusDays(now.today, -settings.archiveAfterDays)
    return ctx.write(async (w) => {
      const archived = await archiveBefore(w, cutoff)
      if (archived > 0)
        w.audit({
          entity: 'appointments_archive',
          entityId: null,
          after: { before: cutoff, archived },
        })
      return { archived }
    })
  },
}
