import { sql } from 'kysely'
import type { Appointment } from '../../../shared/contract'
import { LIVE_STATUSES } from '../../../shared/contract'
import { compiled } from '../../db/compiled'
import { stepsIn, type Steps } from '../../db/steps'
import type { WriteContext } from '../../db/write'
import { placeVerdict } from '../schedules/places'
import { bandCount, SLOT_COLUMNS } from '../schedules/slots'
import {
  announceBooking,
  judgePlace,
  newAppointment,
  placeBooking,
  refuse,
  takesExtraPlace,
  type NewAppointment,
  type PlaceEnv,
  type Placement,
} from './place'

/**
 * PostgreSQL's appointments.book in one statement and an INSERT (issue 15 part 7), where the
 * steps of placeBooking (db/steps.ts) are a dozen round trips to the server, each parsed, planned
 * and answered on its own. SQLite keeps those steps: its statements are calls into the host's own
 * process, and its booking stays the synchronous unit with group commit.
 *
 * One data-modifying CTE chain reads what the rules need — the band, the patient, their live
 * booking that day, an earlier use of the submission key (live or archived) — and, in the same
 * statement, takes the place with the same guarded increment as placeBooking's takePlace (a phone
 * booking: `booked < quota AND booked + kept + live holds < quota`) and draws the new row's id and
 * audit id. The rules then run in the host on those rows (judgePlace: the same code, order and
 * errors as mayPlace); a refusal gives the place back and throws, so the database is unchanged on
 * error, even inside a group's transaction. Then one statement draws the queue number and inserts
 * the appointment; its audit row and the change feed's row go with the unit's last statement
 * (db/pg/writer-pg.ts). Alone: BEGIN, the chain, the insert, audit + feed, COMMIT, five round
 * trips. Grouped with the bookings waiting at the same moment (Units.runGrouped): BEGIN, a chain
 * per booking in band order, one insert per doctor-day at the group's end, audit + feed, COMMIT;
 * the doctor-day's counter row, which every band of the day meets on, is locked for the last two.
 *
 * Anything off the hot path goes the old way, in the same transaction, nothing yet written: a
 * submission key used before (replay), a band refused by the guard with a place in this
 * statement's read (one freed meanwhile: placeBooking's re-read and retry), a hold.
 */
const bookInOne = compiled<{ slotId: number; patientId: number; key: string; now: string }>()(
  (db, $) =>
    db
      .with('slot', (q) =>
        q.selectFrom('doctor_schedules').select(SLOT_COLUMNS).where('id', '=', $('slotId')),
      )
      .with('used', (q) =>
        q
          .selectFrom('appointments')
          .select('id')
          .where('idempotency_key', '=', $('key'))
          .unionAll(
            q
              .selectFrom('appointments_archive')
              .select('id')
              .where('idempotency_key', '=', $('key')),
          ),
      )
      .with('take', (q) =>
        q
          .updateTable('doctor_schedules')
          .set({
            booked: sql`booked + 1`,
            status: sql`CASE WHEN booked + 1 >= quota THEN 'BOOKED' ELSE 'AVAILABLE' END`,
          })
          .where('id', '=', $('slotId'))
          .where('status', '!=', 'CLOSED')
          .where('booked', '<', sql<number>`quota`)
          // takePlace's guard for a phone booking, `kept` (slots.ts walkInKept) read off the row
          // being changed: placeVerdict's OK (tests/unit/booking-places.test.ts holds them together).
          .where((eb) =>
            eb(
              sql<number>`booked + greatest(walk_in_reserved - walk_ins, 0) + ${eb
                .selectFrom('slot_holds')
                .select(eb.fn.countAll<number>().as('n'))
                .where('slot_id', '=', $('slotId'))
                .where('expires_at', '>', $('now'))}`,
              '<',
              eb.ref('quota'),
            ),
          )
          .where((eb) => eb.not(eb.exists(eb.selectFrom('used').select('id'))))
          .returning(SLOT_COLUMNS),
      )
      .selectNoFrom((eb) => [
        eb
          .selectFrom('slot')
          .select(sql<SlotJson>`to_jsonb(slot)`.as('j'))
          .as('slot'),
        eb
          .selectFrom('patients')
          .select(
            sql<PatientJson>`jsonb_build_object('id', id, 'name', name, 'sex', sex, 'birth_date', birth_date, 'phone', phone, 'merged_into', merged_into)`.as(
              'j',
            ),
          )
          .where('id', '=', $('patientId'))
          .as('patient'),
        eb
          .selectFrom('appointments as a')
          .innerJoin('slot', (j) =>
            j.onRef('slot.doctor_id', '=', 'a.doctor_id').onRef('slot.date', '=', 'a.date'),
          )
          .select('a.id')
          .where('a.patient_id', '=', $('patientId'))
          .where('a.status', 'in', [...LIVE_STATUSES])
          .limit(1)
          .as('live_id'),
        eb.selectFrom('used').select(eb.fn.countAll<number>().as('n')).as('used'),
        // The live holds the guard counted, for telling SLOT_HELD from SLOT_TAKEN without a re-read.
        eb
          .selectFrom('slot_holds')
          .select(eb.fn.countAll<number>().as('n'))
          .where('slot_id', '=', $('slotId'))
          .where('expires_at', '>', $('now'))
          .as('held'),
        eb
          .selectFrom('take')
          .select(sql<SlotJson>`to_jsonb(take)`.as('j'))
          .as('taken'),
        eb
          .selectFrom('take')
          .select(sql<number>`nextval(pg_get_serial_sequence('appointments', 'id'))`.as('id'))
          .as('id'),
        eb
          .selectFrom('take')
          .select(sql<number>`nextval(pg_get_serial_sequence('audit_log', 'id'))`.as('id'))
          .as('audit_id'),
      ]),
).namedOnPg()

/** The chain's increment undone, with the status the increment's CASE would give: a refused booking's place. */
const giveBack = compiled<{ slotId: number }>()((db, $) =>
  db
    .updateTable('doctor_schedules')
    .set({
      booked: sql`booked - 1`,
      status: sql`CASE WHEN booked - 1 >= quota THEN 'BOOKED' ELSE 'AVAILABLE' END`,
    })
    .where('id', '=', $('slotId')),
)

type SlotJson = Parameters<typeof bandCount>[0] & { readonly id: number }
interface PatientJson {
  readonly id: number
  readonly name: string
  readonly sex: 'M' | 'F' | 'U'
  readonly birth_date: string | null
  readonly phone: string | null
  readonly merged_into: number | null
}

/** One booking of a doctor-day's insert (insertNumbered): its row but the day, number and order. */
type DayRow = Omit<NewAppointment, 'doctor_id' | 'date' | 'queue_no' | 'call_order'> & {
  readonly id: number
  /** placeBooking's call_order without the queue number: the band's start in minutes × 10,000. */
  readonly call_base: number
}

/**
 * placeBooking's nextQueueNo and insertAppointment for every booking of one doctor-day in a
 * group (or the one booking of a unit alone), as one statement: the day's counter moves on by
 * their number, and they take its numbers in the order given, with the ids the chain drew. The
 * counter's row lock (every band of the day meets on it) is taken here, after every band of the
 * group (WriteContext.atGroupEnd), and held for this statement's answer and the COMMIT's.
 */
const insertNumbered = compiled<{ doctorId: number; date: string; n: number; rows: string }>()(
  (db, $) => {
    const field = (name: keyof DayRow, type: string) => sql.raw(`(e->>'${name}')::${type}`)
    const queueNo = sql<number>`last_no - ${$('n')}::int + (e->>'ord')::int`
    return db
      .with('counter', (q) =>
        q
          .insertInto('queue_counters')
          .values({ doctor_id: $('doctorId'), date: $('date'), last_no: $('n') })
          .onConflict((oc) =>
            oc
              .columns(['doctor_id', 'date'])
              .doUpdateSet({ last_no: sql`queue_counters.last_no + excluded.last_no` }),
          )
          .returning('last_no'),
      )
      .insertInto('appointments')
      .columns([
        'id',
        'slot_id',
        'doctor_id',
        'date',
        'patient_id',
        'queue_no',
        'source',
        'status',
        'chief_complaint',
        'idempotency_key',
        'rescheduled_from',
        'skip_count',
        'call_order',
        'live_guard',
        'created_by',
        'created_at',
        'updated_at',
        'checked_in_at',
        'is_extra',
      ])
      .expression((eb) =>
        eb
          .selectFrom(['counter', sql`jsonb_array_elements(${$('rows')}::jsonb)`.as('e')])
          .select([
            sql<number>`${field('id', 'bigint')}`.as('id'),
            sql<number>`${field('slot_id', 'bigint')}`.as('slot_id'),
            sql<number>`${$('doctorId')}::bigint`.as('doctor_id'),
            sql<string>`${$('date')}::text`.as('date'),
            sql<number>`${field('patient_id', 'bigint')}`.as('patient_id'),
            queueNo.as('queue_no'),
            sql<string>`${field('source', 'text')}`.as('source'),
            sql<string>`${field('status', 'text')}`.as('status'),
            sql<string>`${field('chief_complaint', 'text')}`.as('chief_complaint'),
            sql<string>`${field('idempotency_key', 'text')}`.as('idempotency_key'),
            sql<number | null>`${field('rescheduled_from', 'bigint')}`.as('rescheduled_from'),
            sql<number>`0`.as('skip_count'),
            sql<number>`${field('call_base', 'bigint')} + ${queueNo}`.as('call_order'),
            sql<number | null>`${field('live_guard', 'integer')}`.as('live_guard'),
            sql<string>`${field('created_by', 'text')}`.as('created_by'),
            sql<string>`${field('created_at', 'text')}`.as('created_at'),
            sql<string>`${field('created_at', 'text')}`.as('updated_at'),
            sql<string | null>`${field('checked_in_at', 'text')}`.as('checked_in_at'),
            sql<number>`${field('is_extra', 'integer')}`.as('is_extra'),
          ]),
      )
      .returning(['id', 'queue_no'])
  },
).namedOnPg()

/** A doctor-day's bookings of one group, inserted together at its end; their numbers by id. */
interface DayBatch {
  readonly doctorId: number
  readonly date: string
  readonly rows: (DayRow & { readonly ord: number })[]
  numbers?: Promise<Map<number, number>>
}

/** The day batches of each open group transaction (gone with it: a group run again starts afresh). */
const dayBatches = new WeakMap<object, Map<string, DayBatch>>()

function dayBatch(w: WriteContext, doctorId: number, date: string): DayBatch {
  const key = `${doctorId}|${date}`
  let days = dayBatches.get(w.tx)
  if (!days) dayBatches.set(w.tx, (days = new Map()))
  let batch = days.get(key)
  if (!batch) days.set(key, (batch = { doctorId, date, rows: [] }))
  return batch
}

async function insertDay(w: WriteContext, batch: DayBatch): Promise<Map<number, number>> {
  const inserted = await insertNumbered.allOnPg(w, {
    doctorId: batch.doctorId,
    date: batch.date,
    n: batch.rows.length,
    rows: JSON.stringify(batch.rows),
  })
  if (inserted.length !== batch.rows.length)
    throw new Error(`bookOnPg: ${inserted.length} of ${batch.rows.length} bookings inserted`)
  return new Map(inserted.map((r) => [Number(r.id), Number(r.queue_no)]))
}

/** Steps that only hand back a row already read. */
// eslint-disable-next-line require-yield
function* given<T>(value: T): Steps<T> {
  return value
}

/**
 * appointments.book on PostgreSQL, inside its unit. `slow` is the whole booking the old way
 * (replay, then placeBooking), for a submission key used before.
 */
export async function bookOnPg(
  w: WriteContext,
  p: Placement & { readonly source: 'PHONE' },
  env: PlaceEnv,
  slow: () => Steps<Appointment>,
): Promise<Appointment> {
  if (p.holdId !== undefined) return stepsIn(w, slow())
  const r = await bookInOne.firstOnPg(w, {
    slotId: p.slotId,
    patientId: p.patientId,
    key: p.idempotencyKey,
    now: w.now,
  })
  if (!r) throw new Error('bookOnPg: the booking statement returned no row')
  // Used before: nothing was taken (the guard), and replay answers as it always did.
  if (Number(r.used) > 0) return stepsIn(w, slow())
  const { slot, patient } = await stepsIn(
    w,
    judgePlace(p, env, {
      slot: () => given(r.slot ?? undefined),
      patient: () => given(r.patient ?? undefined),
      live: () => given(r.live_id === null ? undefined : { id: Number(r.live_id) }),
    }),
  ).catch(async (refusal: unknown) => {
    // A refusal changes nothing, even inside a group's transaction (Units.runGrouped): the place
    // the chain took goes back (the band's row is still this transaction's, locked).
    if (r.taken) await giveBack.runOnPg(w, { slotId: p.slotId })
    throw refusal
  })
  // Refused by the guard: the band and holds this statement read say which refusal; a band that
  // had a place in that read (one freed meanwhile) goes placeBooking's way: re-read and retry.
  if (!r.taken || r.id === null || r.audit_id === null) {
    const band = { ...bandCount(slot, 0), held: Number(r.held) }
    if (placeVerdict(band, p.source) !== 'OK') refuse(band, p.source)
    return stepsIn(w, placeBooking(w, p, env))
  }
  // 加号 is judged on the band as it was just before this booking's increment.
  const before = { ...r.taken, booked: r.taken.booked - 1 }
  const extra = takesExtraPlace(bandCount(before, 0), before.extra_places, p.source)
  const draft = newAppointment(p, env, slot, 0, extra, w.now)
  const id = Number(r.id)
  const { queue_no: _, call_order: callBase, doctor_id, date, ...values } = draft
  // In a group, the day's bookings wait for every band of the group to be taken, then go in
  // together, one statement per doctor-day (WriteContext.atGroupEnd); alone, at once.
  const batch = w.atGroupEnd
    ? dayBatch(w, doctor_id, date)
    : { doctorId: doctor_id, date, rows: [] }
  batch.rows.push({ ...values, id, call_base: callBase, ord: batch.rows.length + 1 })
  const finish = async (): Promise<Appointment> => {
    batch.numbers ??= insertDay(w, batch)
    const queueNo = (await batch.numbers).get(id)
    if (queueNo === undefined) throw new Error('bookOnPg: the insert returned no queue number')
    const row = { ...draft, queue_no: queueNo, call_order: callBase + queueNo }
    return announceBooking(w, p, env, slot, patient, row, id, Number(r.audit_id))
  }
  return w.atGroupEnd ? w.atGroupEnd(`${doctor_id}|${date}`, finish) : finish()
}
