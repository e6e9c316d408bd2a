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
    ])

type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>['executeTakeFirstOrThrow']>>

/**
 * Entries as screens see them, with positions. A WAITING entry whose last band has started is
 * EXPIRED on read, whether or not the host's timer has written it yet.
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
    const live = r.status === 'WAITING' && r.expires_at > key
    const status = r.status === 'WAITING' && !live ? 'EXPIRED' : r.status
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

/** 候补成功 patients not yet phoned, from a day on, oldest booking first. */
export async function callBacksFrom(db: Db, from: string, now: ClinicNow) {
  const rows = await entryQuery(db)
    .where('w.status', '=', 'BOOKED')
    .where('w.called_back_at', 'is', null)
    .where('w.date', '>=', from)
    .orderBy('w.ended_at')
    .orderBy('w.id')
    .execute()
  return toEntries(db, rows, now)
}
