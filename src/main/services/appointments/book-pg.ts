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
 * errors as mayPlace); a refusal throws, and the unit's ROLLBACK undoes the increment, so the
 * database is unchanged on error as before. Then one statement draws the queue number and inserts
 * the appointment; its audit row and the change feed's row go with the unit's last statement
 * (db/pg/writer-pg.ts). BEGIN, the chain, the insert, audit + feed, COMMIT: five round trips, and
 * the doctor-day's counter row, which every band of the day meets on, is locked for the last two.
 *
 * Anything off the hot path goes the old way, in the same transaction, nothing yet written: a
 * submission key used before (replay), a band that refused the increment (which refusal, or a
 * place freed meanwhile: placeBooking's re-read and retry), a hold.
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

/**
 * placeBooking's nextQueueNo and insertAppointment as one statement, with the id the statement
 * above drew. The counter's row lock (one row per doctor-day: every band of the day meets on it)
 * is taken here, in the unit's last statement but one, so it is held for two round trips (this
 * one's answer and COMMIT), not for the whole unit.
 */
const insertWithNumber = compiled<
  Omit<NewAppointment, 'queue_no' | 'call_order'> & { id: number; callOrderBase: number }
>()((db, $) =>
  db
    .with('counter', (q) =>
      q
        .insertInto('queue_counters')
        .values({ doctor_id: $('doctor_id'), date: $('date'), last_no: 1 })
        .onConflict((oc) =>
          oc
            .columns(['doctor_id', 'date'])
            .doUpdateSet({ last_no: sql`queue_counters.last_no + 1` }),
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
      eb.selectFrom('counter').select([
        sql<number>`${$('id')}::bigint`.as('id'),
        sql<number>`${$('slot_id')}::bigint`.as('slot_id'),
        sql<number>`${$('doctor_id')}::bigint`.as('doctor_id'),
        sql<string>`${$('date')}::text`.as('date'),
        sql<number>`${$('patient_id')}::bigint`.as('patient_id'),
        'last_no',
        sql<string>`${$('source')}::text`.as('source'),
        sql<string>`${$('status')}::text`.as('status'),
        sql<string>`${$('chief_complaint')}::text`.as('chief_complaint'),
        sql<string>`${$('idempotency_key')}::text`.as('idempotency_key'),
        sql<number | null>`${$('rescheduled_from')}::bigint`.as('rescheduled_from'),
        sql<number>`0`.as('skip_count'),
        // placeBooking's call_order: the band's start in minutes × 10,000 + the queue number.
        sql<number>`${$('callOrderBase')}::bigint + last_no`.as('call_order'),
        sql<number | null>`${$('live_guard')}::integer`.as('live_guard'),
        sql<string>`${$('created_by')}::text`.as('created_by'),
        sql<string>`${$('created_at')}::text`.as('created_at'),
        sql<string>`${$('created_at')}::text`.as('updated_at'),
        sql<string | null>`${$('checked_in_at')}::text`.as('checked_in_at'),
        sql<number>`${$('is_extra')}::integer`.as('is_extra'),
      ]),
    )
    .returning('queue_no'),
).namedOnPg()

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
  const { queue_no: _, call_order: callOrderBase, ...values } = draft
  const finish = async (): Promise<Appointment> => {
    const inserted = await insertWithNumber.firstOnPg(w, { ...values, id, callOrderBase })
    if (!inserted) throw new Error('bookOnPg: the insert returned no queue number')
    const queueNo = Number(inserted.queue_no)
    const row = { ...draft, queue_no: queueNo, call_order: callOrderBase + queueNo }
    return announceBooking(w, p, env, slot, patient, row, id, Number(r.audit_id))
  }
  // In a group, the counter's lock waits until every band of the group is taken (WriteContext.atGroupEnd).
  return w.atGroupEnd ? w.atGroupEnd(`${slot.doctor_id}|${slot.date}`, finish) : finish()
}
