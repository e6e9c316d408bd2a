import type { Transaction } from 'kysely'
import type { WaitlistEntry } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { DB } from '../../db/schema'
import type { ReadDb } from '../../db/write'
import type { ClinicNow } from '../settings'

type Db = ReadDb | Transaction<DB>

/** The clinic-local 'YYYY-MM-DD HH:MM' that expires_at is compared with. */
export const nowKey = (now: ClinicNow): string => `${now.today} ${now.time}`

const entryQuery = (db: Db) =>
  db
    .selectFrom('waitlist as w')
    .innerJoin('patients as p', 'p.id', 'w.patient_id')
    .leftJoin('appointments as a', 'a.id', 'w.appointment_id')
    .leftJoin('doctor_schedules as s', 's.id', 'a.slot_id')
    // The open offer, if any (one per entry: a partial unique index), and its band.
    .leftJoin('waitlist_offers as o', (j) =>
      j.onRef('o.entry_id', '=', 'w.id').on('o.status', '=', 'OPEN'),
    )
    .leftJoin('doctor_schedules as os', 'os.id', 'o.slot_id')
    .select([
      'w.id',
      'w.patient_id',
      'p.name as patient_name',
      'w.doctor_id',
      'w.date',
      'w.phone',
      'w.any_band',
      'w.expires_at',
      'w.status',
      'w.appointment_id',
      's.start_time as booked_start',
      'w.cancel_reason',
      'w.created_by',
      'w.created_at',
      'w.ended_at',
      'w.called_back_at',
      'o.slot_id as offer_slot',
      'os.start_time as offer_start',
      'o.deadline as offer_deadline',
    ])

type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>['executeTakeFirstOrThrow']>>

/**
 * Entries as screens see them, with positions. A WAITING entry with an open offer is OFFERED
 * (候补待确认); one whose last band has started is EXPIRED on read, whether or not the host's
 * timer (waitlist.sweep) has written it yet.
 */
async function toEntries(db: Db, rows: EntryRow[], now: ClinicNow): Promise<WaitlistEntry[]> {
  if (rows.length === 0) return []
  const key = nowKey(now)
  const bands = await db
    .selectFrom('waitlist_bands')
    .select(['entry_id', 'slot_id'])
    .where(
      'entry_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('slot_id')
    .execute()
  const out: WaitlistEntry[] = []
  for (const r of rows) {
    const offered = r.status === 'WAITING' && r.offer_slot !== null
    const live = offered || (r.status === 'WAITING' && r.expires_at > key)
    const status = offered ? 'OFFERED' : r.status === 'WAITING' && !live ? 'EXPIRED' : r.status
    out.push({
      id: r.id,
      patientId: r.patient_id,
      patientName: r.patient_name,
      doctorId: r.doctor_id,
      date: r.date,
      phone: r.phone,
      slotIds: bands.filter((b) => b.entry_id === r.id).map((b) => b.slot_id),
      status,
      position: live ? await positionOf(db, r, key) : null,
      expiresAt: r.expires_at,
      appointmentId: r.appointment_id,
      bookedStartTime: r.booked_start ?? null,
      cancelReason: r.cancel_reason,
      createdBy: r.created_by,
      createdAt: r.created_at,
      endedAt: r.ended_at,
      calledBackAt: r.called_back_at,
      offer:
        offered && r.offer_start && r.offer_deadline
          ? { slotId: r.offer_slot!, startTime: r.offer_start, deadline: r.offer_deadline }
          : null,
    })
  }
  return out
}

/** 1 + the live entries of the same doctor-day that came before it. */
async function positionOf(db: Db, r: EntryRow, key: string): Promise<number> {
  const ahead = await db
    .selectFrom('waitlist')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('doctor_id', '=', r.doctor_id)
    .where('date', '=', r.date)
    .where('status', '=', 'WAITING')
    .where('expires_at', '>', key)
    .where('id', '<', r.id)
    .executeTakeFirstOrThrow()
  return Number(ahead.n) + 1
}

export async function loadEntry(db: Db, id: number, now: ClinicNow): Promise<WaitlistEntry> {
  const row = await entryQuery(db).where('w.id', '=', id).executeTakeFirst()
  if (!row)
    throw new AppError('NOT_FOUND', { field: 'id', message: 'That waitlist entry does not exist.' })
  const [entry] = await toEntries(db, [row], now)
  return entry!
}

/** A doctor-day's live line, first first. */
export async function lineOf(db: Db, doctorId: number, date: string, now: ClinicNow) {
  const rows = await entryQuery(db)
    .where('w.doctor_id', '=', doctorId)
    .where('w.date', '=', date)
    .where('w.status', '=', 'WAITING')
    .where('w.expires_at', '>', nowKey(now))
    .orderBy('w.id')
    .execute()
  return toEntries(db, rows, now)
}

/** A patient's live entries (waiting or offered), soonest day first. */
export async function entriesOfPatient(db: Db, patientId: number, now: ClinicNow) {
  const rows = await entryQuery(db)
    .where('w.patient_id', '=', patientId)
    .where('w.status', '=', 'WAITING')
    .where('w.date', '>=', now.today)
    .orderBy('w.date')
    .orderBy('w.id')
    .execute()
  return (await toEntries(db, rows, now)).filter((e) => e.position !== null)
}

/** Places offered (候补待确认) by deadline, then 候补成功 patients not yet phoned, oldest first. */
export async function callBacksFrom(db: Db, from: string, now: ClinicNow) {
  const offers = await entryQuery(db)
    .where('w.status', '=', 'WAITING')
    .where('o.id', 'is not', null)
    .where('w.date', '>=', from)
    .orderBy('o.deadline')
    .orderBy('w.id')
    .execute()
  const rows = await entryQuery(db)
    .where('w.status', '=', 'BOOKED')
    .where('w.called_back_at', 'is', null)
    .where('w.date', '>=', from)
    .orderBy('w.ended_at')
    .orderBy('w.id')
    .execute()
  return toEntries(db, [...offers, ...rows], now)
}
