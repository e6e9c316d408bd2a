import { sql, type ExpressionBuilder, type Selectable } from 'kysely'
import type { Appointment, ClinicSettings } from '../../../shared/contract'
import { LIVE_STATUSES } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { Caller } from '../../../shared/roles'
import { compiled } from '../../db/compiled'
import type { DB } from '../../db/schema'
import type { AppointmentsTable } from '../../db/schema-booking'
import { all, first, run, type Steps } from '../../db/steps'
import type { UnitContext } from '../../db/write'
import { ageOn, plusDays, toMinutes } from '../common/calendar'
import { guardParams, placeVerdict, type BandCount, type PlaceSeeker } from '../schedules/places'
import { bandCount, isPast, SLOT_COLUMNS } from '../schedules/slots'
import type { ClinicNow } from '../settings'
import { checkBookingPolicy } from '../../../shared/policy/check'
import type { BookingPolicy } from '../../../shared/policy/rules'

export interface Placement {
  readonly slotId: number
  readonly patientId: number
  readonly source: 'PHONE' | 'WALK_IN'
  readonly chiefComplaint: string
  readonly idempotencyKey: string
  readonly holdId?: number
  readonly rescheduledFrom?: number
}

export interface PlaceEnv {
  readonly caller: Caller
  readonly settings: ClinicSettings
  readonly now: ClinicNow
  /** Issue 14: the booking policy from memory (services/policy); absent, no policy applies. */
  readonly policy?: BookingPolicy
}

// A booking runs these on every call: built and compiled once (db/compiled.ts).
const selectSlot = compiled<{ id: number }>()((db, $) =>
  db.selectFrom('doctor_schedules').select(SLOT_COLUMNS).where('id', '=', $('id')),
)
const selectPatient = compiled<{ id: number }>()((db, $) =>
  db
    .selectFrom('patients')
    .select(['id', 'name', 'sex', 'birth_date', 'phone', 'merged_into'])
    .where('id', '=', $('id')),
)
const selectLiveBooking = compiled<{ patientId: number; doctorId: number; date: string }>()(
  (db, $) =>
    db
      .selectFrom('appointments')
      .select('id')
      .where('patient_id', '=', $('patientId'))
      .where('date', '=', $('date'))
      .where('doctor_id', '=', $('doctorId'))
      .where('status', 'in', [...LIVE_STATUSES]),
)
const liveHolds = (eb: ExpressionBuilder<DB, 'doctor_schedules'>, id: number, now: string) =>
  eb
    .selectFrom('slot_holds')
    .select(eb.fn.countAll<number>().as('n'))
    .where('slot_id', '=', id)
    .where('expires_at', '>', now)
/** Live holds on one band, to tell SLOT_HELD from SLOT_TAKEN when the increment found no place. */
const heldOnSlot = compiled<{ id: number; now: string }>()((db, $) =>
  db
    .selectFrom('doctor_schedules')
    .select((eb) => liveHolds(eb, $('id'), $('now')).as('n'))
    .where('id', '=', $('id')),
)
const selectHold = compiled<{ id: number }>()((db, $) =>
  db
    .selectFrom('slot_holds')
    .select(['id', 'slot_id', 'holder', 'expires_at'])
    .where('id', '=', $('id')),
)
const deleteHold = compiled<{ id: number }>()((db, $) =>
  db.deleteFrom('slot_holds').where('id', '=', $('id')),
)
/**
 * The guarded increment: changes exactly one row, or none when no place is left for this caller
 * (schedules/places.ts: guardParams is placeVerdict's OK in this form).
 */
const takePlace = compiled<{
  id: number
  walkIns: 0 | 1
  kept: number
  keptIsOurs: 0 | 1
  now: string
}>()((db, $) =>
  db
    .updateTable('doctor_schedules')
    .set({
      booked: sql`booked + 1`,
      walk_ins: sql`walk_ins + ${$('walkIns')}`,
      status: sql`CASE WHEN booked + 1 >= quota THEN 'BOOKED' ELSE 'AVAILABLE' END`,
    })
    .where('id', '=', $('id'))
    .where('status', '!=', 'CLOSED')
    .where('booked', '<', sql<number>`quota`)
    .where((eb) =>
      eb.or([
        eb(sql<number>`${$('keptIsOurs')}`, '=', 1),
        eb(
          sql<number>`booked + ${$('kept')} + ${liveHolds(eb, $('id'), $('now'))}`,
          '<',
          eb.ref('quota'),
        ),
      ]),
    ),
)
const nextQueueNo = compiled<{ doctorId: number; date: string }>()((db, $) =>
  db
    .insertInto('queue_counters')
    .values({ doctor_id: $('doctorId'), date: $('date'), last_no: 1 })
    .onConflict((oc) =>
      oc.columns(['doctor_id', 'date']).doUpdateSet({ last_no: sql`queue_counters.last_no + 1` }),
    )
    .returning('last_no'),
)
/** The columns a new booking sets; the rest keep their defaults (NULL, 0). */
export type NewAppointment = Pick<
  Selectable<AppointmentsTable>,
  | 'slot_id'
  | 'doctor_id'
  | 'date'
  | 'patient_id'
  | 'queue_no'
  | 'source'
  | 'status'
  | 'chief_complaint'
  | 'idempotency_key'
  | 'rescheduled_from'
  | 'call_order'
  | 'live_guard'
  | 'created_by'
  | 'created_at'
  | 'checked_in_at'
  | 'is_extra'
>
const insertAppointment = compiled<NewAppointment>()((db, $) =>
  db
    .insertInto('appointments')
    .values({
      slot_id: $('slot_id'),
      doctor_id: $('doctor_id'),
      date: $('date'),
      patient_id: $('patient_id'),
      queue_no: $('queue_no'),
      source: $('source'),
      status: $('status'),
      chief_complaint: $('chief_complaint'),
      idempotency_key: $('idempotency_key'),
      rescheduled_from: $('rescheduled_from'),
      skip_count: 0,
      call_order: $('call_order'),
      live_guard: $('live_guard'),
      created_by: $('created_by'),
      created_at: $('created_at'),
      // A new row was last changed when it was made.
      updated_at: $('created_at'),
      checked_in_at: $('checked_in_at'),
      is_extra: $('is_extra'),
    })
    .returning('id'),
)

/** What the booking path uses of its unit besides statements: the instant, the audit, events. */
type Unit = Pick<UnitContext, 'now' | 'audit' | 'emit'>

/** The band and patient columns the rules read (selectSlot, selectPatient). */
type SlotRead = NonNullable<Awaited<ReturnType<typeof selectSlot.firstOnPg>>>
type PatientRead = NonNullable<Awaited<ReturnType<typeof selectPatient.firstOnPg>>>

/**
 * Every rule of placeBooking but the place itself, in the same order and with the same errors:
 * the band may take a booking now, and this patient may have it. Writes nothing, so the
 * waitlist's offer mode asks it before holding a place for an entry (waitlist/serve.ts).
 */
export function* mayPlace(p: Pick<Placement, 'slotId' | 'patientId' | 'source'>, env: PlaceEnv) {
  return yield* judgePlace(p, env, {
    slot: () => first(selectSlot, { id: p.slotId }),
    patient: () => first(selectPatient, { id: p.patientId }),
    live: (slot) =>
      first(selectLiveBooking, {
        patientId: p.patientId,
        doctorId: slot.doctor_id,
        date: slot.date,
      }),
  })
}

/**
 * Where mayPlace's rules get the band, the patient and their live booking that day: read one by
 * one (mayPlace), or already read together by PostgreSQL's one-statement booking (book-pg.ts).
 */
export interface PlaceReads {
  slot(): Steps<SlotRead | undefined>
  patient(): Steps<PatientRead | undefined>
  live(slot: SlotRead): Steps<{ id: number } | undefined>
}

/** mayPlace's rules, in their order, on the rows `reads` gives. */
export function* judgePlace(
  p: Pick<Placement, 'slotId' | 'patientId' | 'source'>,
  env: PlaceEnv,
  reads: PlaceReads,
) {
  const { settings, now } = env
  const slot = yield* reads.slot()
  if (!slot)
    throw new AppError('NOT_FOUND', { field: 'slotId', message: 'That time band does not exist.' })
  if (slot.status === 'CLOSED') throw new AppError('SLOT_CLOSED', { field: 'slotId' })
  if (isPast(slot, now)) throw new AppError('SLOT_IN_PAST', { field: 'slotId' })
  if (
    p.source === 'PHONE' &&
    slot.date === now.today &&
    settings.minNoticeMinutes > 0 &&
    toMinutes(slot.start_time) - toMinutes(now.time) < settings.minNoticeMinutes
  ) {
    throw new AppError('SLOT_IN_PAST', {
      field: 'slotId',
      message: `A booking must be made at least ${settings.minNoticeMinutes} minutes before the band starts.`,
    })
  }
  if (slot.date > plusDays(now.today, settings.horizonDays - 1))
    throw new AppError('OUT_OF_HORIZON', { field: 'slotId' })

  const patient = yield* reads.patient()
  if (!patient)
    throw new AppError('NOT_FOUND', { field: 'patientId', message: 'That patient does not exist.' })
  if (patient.merged_into !== null)
    throw new AppError('PATIENT_MERGED', {
      field: 'patientId',
      message: `Patient #${patient.id} was merged into #${patient.merged_into}: book that record.`,
      details: { mergedInto: patient.merged_into },
    })
  if (env.policy) yield* enforcePolicy(env.policy, slot, patient, p.source, now)
  if (settings.onePerDoctorPerDay) {
    const existing = yield* reads.live(slot)
    if (existing)
      throw new AppError('ALREADY_BOOKED', {
        field: 'patientId',
        details: { appointmentId: existing.id },
      })
  }
  return { slot, patient }
}

/**
 * Puts one patient into one band, inside the caller's transaction (BEGIN IMMEDIATE on SQLite; on
 * PostgreSQL the same statements take the band's and the counter's row locks). It yields its
 * statements (db/steps.ts): SQLite runs them synchronously, PostgreSQL awaits them.
 * The rules are checked first for a precise error; the place itself is taken by one
 * `UPDATE … SET booked = booked + 1 WHERE … booked < quota` that must change exactly one row,
 * so the CHECK (booked <= quota) and that row count hold the line whatever else runs.
 */
export function* placeBooking(w: Unit, p: Placement, env: PlaceEnv): Steps<Appointment> {
  const { now: nowIso } = w
  const { slot, patient } = yield* mayPlace(p, env)
  if (p.holdId !== undefined) yield* consumeHold(w, p.holdId, p.slotId, env.caller)

  // The fast path is this one guarded UPDATE (placeVerdict's OK, live holds counted inside it,
  // so nothing can slip in between); only a refusal asks placeVerdict which refusal it is.
  let band = bandCount(slot, 0)
  let extra = takesExtraPlace(band, slot.extra_places, p.source)
  const take = () =>
    run(takePlace, {
      id: p.slotId,
      walkIns: p.source === 'WALK_IN' ? 1 : 0,
      ...guardParams(band, p.source),
      now: nowIso,
    })
  // On SQLite nothing commits between the read above and this UPDATE (BEGIN IMMEDIATE). On
  // PostgreSQL other hosts do (READ COMMITTED): a refusal is judged on the band as it is now, and
  // if it has a place after all (one freed meanwhile, or kept figures read stale) it is tried again.
  for (let tries = 1; (yield* take()).changes !== 1; tries++) {
    const current = yield* first(selectSlot, { id: p.slotId })
    const held = (yield* first(heldOnSlot, { id: p.slotId, now: nowIso }))?.n ?? 0
    band = current ? bandCount(current, 0) : band
    if (
      !current ||
      current.status === 'CLOSED' ||
      tries === 3 ||
      placeVerdict({ ...band, held }, p.source) !== 'OK'
    )
      refuse({ ...band, held }, p.source, current?.status === 'CLOSED')
    extra = takesExtraPlace(band, current.extra_places, p.source)
  }

  const counter = yield* first(nextQueueNo, { doctorId: slot.doctor_id, date: slot.date })
  if (!counter) throw new Error('placeBooking: the queue counter returned no number')
  const row = newAppointment(p, env, slot, counter.last_no, extra, nowIso)
  const inserted = yield* first(insertAppointment, row)
  if (!inserted) throw new Error('placeBooking: the insert returned no id')
  return announceBooking(w, p, env, slot, patient, row, inserted.id)
}

/** The row a new booking inserts: its status, queue number and order from the rules and settings. */
export function newAppointment(
  p: Placement,
  env: PlaceEnv,
  slot: Pick<SlotRead, 'id' | 'doctor_id' | 'date' | 'start_time'>,
  queueNo: number,
  extra: boolean,
  nowIso: string,
): NewAppointment {
  const { settings } = env
  const walkIn = p.source === 'WALK_IN'
  // Issue 17: unless the clinic charges at check-in, a new booking waits PENDING (待支付) for payments.pay.
  const status = settings.chargeAtCheckIn ? (walkIn ? 'CHECKED_IN' : 'CONFIRMED') : 'PENDING'
  const checkedIn = walkIn && settings.chargeAtCheckIn
  return {
    slot_id: slot.id,
    doctor_id: slot.doctor_id,
    date: slot.date,
    patient_id: p.patientId,
    queue_no: queueNo,
    source: p.source,
    status,
    chief_complaint: p.chiefComplaint,
    idempotency_key: p.idempotencyKey,
    rescheduled_from: p.rescheduledFrom ?? null,
    call_order: toMinutes(slot.start_time) * 10_000 + queueNo,
    live_guard: settings.onePerDoctorPerDay ? 1 : null,
    created_by: env.caller.label,
    created_at: nowIso,
    checked_in_at: checkedIn ? nowIso : null,
    is_extra: extra ? 1 : 0,
  }
}

/**
 * The row just written, as screens see it, from what this transaction already knows; its audit
 * row (with the id the unit drew for it, on PostgreSQL's one-statement booking) and its events.
 */
export function announceBooking(
  w: Unit,
  p: Placement,
  env: PlaceEnv,
  slot: Pick<SlotRead, 'id' | 'doctor_id' | 'date' | 'start_time' | 'end_time'>,
  patient: PatientRead,
  row: NewAppointment,
  id: number,
  auditId?: number,
): Appointment {
  const result: Appointment = {
    id,
    slotId: slot.id,
    doctorId: slot.doctor_id,
    date: slot.date,
    startTime: slot.start_time,
    endTime: slot.end_time,
    queueNo: row.queue_no,
    patientId: patient.id,
    patientName: patient.name,
    patientSex: patient.sex,
    patientAge: ageOn(patient.birth_date, slot.date),
    patientPhone: patient.phone,
    source: p.source,
    status: row.status,
    chiefComplaint: p.chiefComplaint,
    cancelReason: null,
    rescheduledFrom: p.rescheduledFrom ?? null,
    skipCount: 0,
    createdAt: row.created_at,
    createdBy: env.caller.label,
    checkedInAt: row.checked_in_at,
    calledAt: null,
    startedAt: null,
    completedAt: null,
    extra: row.is_extra === 1,
    noShowExcused: false,
  }
  w.audit({
    ...(auditId === undefined ? {} : { id: auditId }),
    entity: 'appointment',
    entityId: result.id,
    after: result,
  })
  w.emit('slots.changed', { doctorId: slot.doctor_id, date: slot.date, slotIds: [slot.id] })
  w.emit('appointment.created', {
    appointmentId: result.id,
    doctorId: slot.doctor_id,
    date: slot.date,
    source: p.source,
  })
  if (row.checked_in_at !== null) w.emit('display.changed', { doctorId: slot.doctor_id })
  return result
}

/**
 * 加号: the band's own quota (without its extra places) had no place for this seeker, so the
 * booking takes one of the places a doctor added (placeVerdict's SLOT_TAKEN on the own quota).
 */
export const takesExtraPlace = (band: BandCount, extraPlaces: number, seeker: PlaceSeeker) =>
  extraPlaces > 0 &&
  placeVerdict({ ...band, quota: band.quota - extraPlaces, held: 0 }, seeker) === 'SLOT_TAKEN'

/** The refusal path: which of SLOT_TAKEN and SLOT_HELD, from the same definition as every method. */
export function refuse(band: BandCount, seeker: PlaceSeeker, closed = false): never {
  if (closed) throw new AppError('SLOT_CLOSED', { field: 'slotId' })
  const verdict = placeVerdict(band, seeker)
  // The UPDATE and placeVerdict are two spellings of one rule: if they part, say so loudly.
  if (verdict === 'OK')
    throw new Error(`placeBooking: band ${JSON.stringify(band)} refused a ${seeker} place it has`)
  throw new AppError(verdict, { field: 'slotId' })
}

/** Uses this desk's live hold on this band; a hold is its holder's alone and ends by itself. */
function* consumeHold(w: Unit, holdId: number, slotId: number, caller: Caller): Steps<void> {
  const hold = yield* first(selectHold, { id: holdId })
  if (!hold || hold.expires_at <= w.now) throw new AppError('HOLD_EXPIRED', { field: 'holdId' })
  if (hold.slot_id !== slotId)
    throw new AppError('INVALID_INPUT', {
      field: 'holdId',
      message: 'That hold is for another time band.',
    })
  if (hold.holder !== caller.label)
    throw new AppError('FORBIDDEN', {
      field: 'holdId',
      message: 'That hold belongs to another desk.',
    })
  yield* run(deleteHold, { id: holdId })
}

// What the policy needs beyond the band and the patient, each read only when its rule is on.
const departmentOf = compiled<{ doctorId: number }>()((db, $) =>
  db
    .selectFrom('doctors')
    .innerJoin('departments', 'departments.id', 'doctors.department_id')
    .select('departments.name')
    .where('doctors.id', '=', $('doctorId')),
)
const noShowDates = compiled<{ patientId: number; since: string }>()((db, $) =>
  db
    .selectFrom('appointments')
    .select('date')
    .where('patient_id', '=', $('patientId'))
    .where('status', '=', 'NO_SHOW')
    .where('no_show_excused', '=', 0)
    .where('date', '>=', $('since')),
)
const lateCancelDates = compiled<{ patientId: number; since: string }>()((db, $) =>
  db
    .selectFrom('appointments')
    .select('late_canceled_on as date')
    .where('patient_id', '=', $('patientId'))
    .where('late_canceled_on', '>=', $('since')),
)
const lastLift = compiled<{ patientId: number }>()((db, $) =>
  db
    .selectFrom('suspension_lifts')
    .select((eb) => eb.fn.max('lifted_on').as('on'))
    .where('patient_id', '=', $('patientId')),
)
const liveFuture = compiled<{ patientId: number; today: string }>()((db, $) =>
  db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('patient_id', '=', $('patientId'))
    .where('date', '>=', $('today'))
    .where('status', 'in', [...LIVE_STATUSES]),
)

/** Refuses the booking with POLICY_REFUSED when checkBookingPolicy says no (shared/policy/check.ts). */
function* enforcePolicy(
  policy: BookingPolicy,
  slot: { doctor_id: number; date: string; start_time: string },
  patient: { id: number; sex: 'M' | 'F' | 'U'; birth_date: string | null },
  source: 'PHONE' | 'WALK_IN',
  now: ClinicNow,
): Steps<void> {
  const phone = source === 'PHONE'
  const department = policy.departments.enabled
    ? ((yield* first(departmentOf, { doctorId: slot.doctor_id }))?.name ?? '')
    : ''
  const since = plusDays(now.today, -(policy.suspension.withinDays + policy.suspension.suspendDays))
  const suspension = phone && policy.suspension.enabled
  const noShows = suspension
    ? (yield* all(noShowDates, { patientId: patient.id, since })).map((r) => r.date)
    : []
  const lateCancels =
    suspension && policy.suspension.countLateCancels
      ? (yield* all(lateCancelDates, { patientId: patient.id, since })).flatMap((r) =>
          r.date === null ? [] : [r.date],
        )
      : []
  const liveFutureBookings =
    phone && policy.maxLive.enabled
      ? ((yield* first(liveFuture, { patientId: patient.id, today: now.today }))?.n ?? 0)
      : 0
  const liftedOn = suspension
    ? ((yield* first(lastLift, { patientId: patient.id }))?.on ?? null)
    : null
  const verdict = checkBookingPolicy(
    policy,
    { sex: patient.sex, birthDate: patient.birth_date },
    { date: slot.date, startTime: slot.start_time, department, source },
    now,
    {
      noShowDates: noShows,
      lateCancelDates: lateCancels,
      liveFutureBookings,
      liftedOn,
    },
  )
  if (!verdict.ok)
    throw new AppError('POLICY_REFUSED', {
      field:
        verdict.rule === 'AGE_LIMIT' ||
        verdict.rule === 'NO_BIRTH_DATE' ||
        verdict.rule === 'SEX_LIMIT' ||
        verdict.rule === 'MAX_LIVE' ||
        verdict.rule === 'SUSPENDED'
          ? 'patientId'
          : 'slotId',
      message: verdict.message,
      details: { rule: verdict.rule, ...verdict.details },
    })
}
