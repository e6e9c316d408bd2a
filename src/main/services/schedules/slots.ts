import type { Slot } from '../../../shared/contract'
import type { Selectable } from 'kysely'
import { compiled } from '../../db/compiled'
import type { DoctorSchedulesTable } from '../../db/schema-booking'
import type { ReadDb } from '../../db/write'
import type { ClinicNow } from '../settings'
import { placesFor, placeVerdict, type BandCount, type PlaceVerdict } from './places'

/** The columns of a doctor_schedules row that a Slot and the booking rules need. */
export const SLOT_COLUMNS = [
  'id',
  'doctor_id',
  'date',
  'start_time',
  'end_time',
  'quota',
  'booked',
  'walk_in_reserved',
  'walk_ins',
  'status',
  'extra_places',
] as const

/** Those columns as a row: derived from the table's type, so the two cannot drift. */
export type SlotRow = Pick<Selectable<DoctorSchedulesTable>, (typeof SLOT_COLUMNS)[number]>

/** Walk-in places not yet used by walk-ins: a phone booking cannot take them. */
export const walkInKept = (row: SlotRow): number => Math.max(0, row.walk_in_reserved - row.walk_ins)

/** The band has ended in the clinic's zone. */
export const isPast = (row: Pick<SlotRow, 'date' | 'end_time'>, now: ClinicNow): boolean =>
  row.date < now.today || (row.date === now.today && row.end_time <= now.time)

/** A row's counts for placeVerdict, with `held` live holds (less any this call is using). */
export const bandCount = (row: SlotRow, held: number): BandCount => ({
  quota: row.quota,
  booked: row.booked,
  kept: walkInKept(row),
  held,
})

/** What the grid shows, from the phone desk's side: the answer a booking would get right now. */
const STATUS_OF: Record<PlaceVerdict, Slot['status']> = {
  OK: 'AVAILABLE',
  SLOT_HELD: 'LOCKED',
  SLOT_TAKEN: 'BOOKED',
}

/** A row as screens see it. LOCKED is derived: a phone booking would be told SLOT_HELD. */
export function toSlot(row: SlotRow, held: number, now: ClinicNow): Slot {
  const past = isPast(row, now)
  const band = bandCount(row, held)
  const left = placesFor(band, 'PHONE').now
  const status = row.status === 'CLOSED' ? 'CLOSED' : STATUS_OF[placeVerdict(band, 'PHONE')]
  return {
    id: row.id,
    doctorId: row.doctor_id,
    date: row.date,
    startTime: row.start_time,
    endTime: row.end_time,
    quota: row.quota,
    booked: row.booked,
    held,
    walkInReserved: row.walk_in_reserved,
    placesLeft: status === 'CLOSED' || past ? 0 : left,
    status,
    past,
    extra: row.extra_places,
  }
}

/** Active holds per slot (expired ones are ignored: a hold ends by itself, nobody has to delete it). */
export async function heldBySlot(
  read: ReadDb,
  slotIds: readonly number[],
  nowIso: string,
): Promise<Map<number, number>> {
  const held = new Map<number, number>()
  if (slotIds.length === 0) return held
  const rows = await read
    .selectFrom('slot_holds')
    .select(['slot_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('slot_id', 'in', slotIds)
    .where('expires_at', '>', nowIso)
    .groupBy('slot_id')
    .execute()
  for (const r of rows) held.set(r.slot_id, Number(r.n))
  return held
}

/** The slot grid's one query (every screen asks it), compiled once: see db/compiled.ts. */
const slotsOfDay = compiled<{ doctorId: number; date: string; now: string }>()((db, $) =>
  db
    .selectFrom('doctor_schedules')
    .select(SLOT_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('slot_holds')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('slot_holds.slot_id', '=', 'doctor_schedules.id')
        .where('slot_holds.expires_at', '>', $('now'))
        .as('held'),
    )
    .where('doctor_id', '=', $('doctorId'))
    .where('date', '=', $('date'))
    .orderBy('start_time'),
)

/** A doctor's bands on a day, in time order, as screens see them (holds counted in the same query). */
export async function slotsForDoctorDay(
  read: ReadDb,
  doctorId: number,
  date: string,
  now: ClinicNow,
): Promise<Slot[]> {
  const rows = await slotsOfDay.all(read, { doctorId, date, now: now.instant.toISOString() })
  return rows.map((r) => toSlot(r, Number(r.held ?? 0), now))
}
