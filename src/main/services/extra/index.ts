import { sql } from 'kysely'
import type { ExtraPlace, MethodParsed } from '../../../shared/contract'
import { EXTRA_PER_BAND, type extraMethods } from '../../../shared/contract/extra'
import { NOON } from '../../../shared/contract/leave'
import { AppError } from '../../../shared/errors'
import type { Caller } from '../../../shared/roles'
import type { WriteContext } from '../../db/write'
import { placeBooking } from '../appointments/place'
import { stepsIn } from '../../db/steps'
import { loadAppointment } from '../appointments/rows'
import { withoutOrder } from '../appointments/step'
import { placesFreed } from '../waitlist/serve'
import type { HandlersFor } from '../context'
import { requireDoctor } from '../common/doctor-access'
import { heldBySlot, isPast, SLOT_COLUMNS, toSlot } from '../schedules/slots'
import { clinicNow, readSettings, type ClinicNow } from '../settings'
import { readPolicy } from '../policy'
import type { BookingPolicy } from '../../../shared/policy/rules'
import { EXTRA_COLUMNS, toExtraPlace } from './rows'

type AddExtra = MethodParsed<'slots.addExtra'>
type AddToDay = MethodParsed<'slots.addExtraToDay'>
/** What both forms of 加号 share: who agreed, how many, why, the submission key, and maybe a booking. */
type ExtraAsk = Pick<AddExtra, 'agreedBy' | 'count' | 'reason' | 'idempotencyKey'> & {
  book?: AddExtra['book']
}

/**
 * Who agreed: a doctor's screen speaks for its own doctor; a desk must name the doctor, and only
 * the band's doctor can agree to see more patients in it.
 */
function agreeingDoctor(input: ExtraAsk, caller: Caller, bandDoctor: number): number {
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
async function replay(
  w: WriteContext,
  key: string,
  same: (row: { slot_id: number; doctor_id: number; date: string }) => boolean,
  now: ClinicNow,
) {
  const row = await w.tx
    .selectFrom('extra_places')
    .select(EXTRA_COLUMNS)
    .where('idempotency_key', '=', key)
    .executeTakeFirst()
  if (!row) return undefined
  if (!same(row))
    throw new AppError('CONFLICT', {
      field: 'idempotencyKey',
      message: 'That submission key was already used for another band or day.',
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

type Band = Awaited<ReturnType<typeof loadBand>>

const loadBand = (w: WriteContext, slotId: number) =>
  w.tx
    .selectFrom('doctor_schedules')
    .select(SLOT_COLUMNS)
    .where('id', '=', slotId)
    .executeTakeFirst()

interface RaiseEnv {
  readonly caller: Caller
  readonly settings: Awaited<ReturnType<typeof readSettings>>
  readonly now: ClinicNow
  /** For the line only: the places left over are booked from it with every booking rule. */
  readonly policy: BookingPolicy
}

/** The 加号 step on one band, whichever form chose it: checks, quota raised, row, audit, event. */
async function raise(w: WriteContext, band: NonNullable<Band>, input: ExtraAsk, env: RaiseEnv) {
  const agreedBy = agreeingDoctor(input, env.caller, band.doctor_id)
  await requireDoctor(w.tx, agreedBy, 'agreedBy')
  if (band.status === 'CLOSED') throw new AppError('SLOT_CLOSED', { field: 'slotId' })
  if (isPast(band, env.now)) throw new AppError('SLOT_IN_PAST', { field: 'slotId' })
  if (band.extra_places + input.count > EXTRA_PER_BAND)
    throw new AppError('INVALID_INPUT', {
      field: 'count',
      message: `At most ${EXTRA_PER_BAND} extra places in one band (it has ${band.extra_places}).`,
    })
  if (input.book?.source === 'WALK_IN' && band.date !== env.now.today)
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
  if (Number(raised.numUpdatedRows) !== 1) throw new Error(`加号: band ${band.id} was not raised`)

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
      created_by: env.caller.label,
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
    const appointment = await stepsIn(
      w,
      placeBooking(
        w,
        {
          slotId: band.id,
          patientId: input.book.patientId,
          source: input.book.source,
          chiefComplaint: input.book.chiefComplaint,
          idempotencyKey: input.idempotencyKey,
        },
        // The 加号's own booking is the doctor's agreement, as before issue 14: no booking policy.
        { ...env, policy: undefined },
      ),
    )
    await w.tx
      .updateTable('extra_places')
      .set({ appointment_id: appointment.id })
      .where('id', '=', extra.id)
      .execute()
    extra = { ...extra, appointmentId: appointment.id }
  }
  // The places left over go to the band's waitlist (候补), in this same transaction, with every
  // booking rule (policy included) as any booking from the line.
  await placesFreed(w, [band.id], env)
  return result(w, extra, env.now)
}

const inSession = (start: string, session: AddToDay['session']): boolean =>
  session === 'ALL' || (session === 'AM' ? start < NOON : start >= NOON)

/**
 * Where a day's 加号 goes (docs/EXTRA-PLACES.md): the doctor's last band of the day (or session)
 * that is open, not over and has room under the per-band cap. The end of the day is where one more
 * patient delays nobody already booked; a band that has ended cannot take anyone.
 */
async function dayBand(w: WriteContext, input: AddToDay, now: ClinicNow) {
  const bands = (
    await w.tx
      .selectFrom('doctor_schedules')
      .select(SLOT_COLUMNS)
      .where('doctor_id', '=', input.doctorId)
      .where('date', '=', input.date)
      .orderBy('start_time', 'desc')
      .execute()
  ).filter((b) => inSession(b.start_time, input.session))
  if (bands.length === 0)
    throw new AppError('NOT_FOUND', {
      field: 'date',
      message: 'That doctor has no bands on that day or session.',
    })
  const open = bands.filter((b) => b.status !== 'CLOSED' && !isPast(b, now))
  if (open.length === 0)
    throw new AppError(bands.some((b) => b.status !== 'CLOSED') ? 'SLOT_IN_PAST' : 'SLOT_CLOSED', {
      field: 'date',
    })
  const roomy = open.find((b) => b.extra_places + input.count <= EXTRA_PER_BAND)
  if (!roomy)
    throw new AppError('INVALID_INPUT', {
      field: 'count',
      message: `At most ${EXTRA_PER_BAND} extra places in one band: no open band of that day has room for ${input.count}.`,
    })
  return roomy
}

export const extraHandlers: HandlersFor<typeof extraMethods> = {
  'slots.addExtra': async (input, ctx) => {
    const settings = await readSettings(ctx.read)
    const now = clinicNow(ctx.clock, settings)
    // Read before the unit of work: a read inside it would wait for its own connection.
    const policy = await readPolicy(ctx.read)
    return ctx.write(async (w) => {
      const first = await replay(w, input.idempotencyKey, (r) => r.slot_id === input.slotId, now)
      if (first) return first
      const band = await loadBand(w, input.slotId)
      if (!band)
        throw new AppError('NOT_FOUND', {
          field: 'slotId',
          message: 'That time band does not exist.',
        })
      return raise(w, band, input, {
        caller: ctx.caller,
        settings,
        now,
        policy,
      })
    })
  },

  'slots.addExtraToDay': async (input, ctx) => {
    const settings = await readSettings(ctx.read)
    const now = clinicNow(ctx.clock, settings)
    // Read before the unit of work: a read inside it would wait for its own connection.
    const policy = await readPolicy(ctx.read)
    return ctx.write(async (w) => {
      const same = (r: { doctor_id: number; date: string }) =>
        r.doctor_id === input.doctorId && r.date === input.date
      const first = await replay(w, input.idempotencyKey, same, now)
      if (first) return first
      await requireDoctor(w.tx, input.doctorId)
      const band = await dayBand(w, input, now)
      return raise(w, band, input, {
        caller: ctx.caller,
        settings,
        now,
        policy,
      })
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
