import type { Insertable, Transaction } from 'kysely'
import { commaList, dialectOf } from '../../db/dialect'
import type { ReadDb } from '../../db/read'
import type { DB } from '../../db/schema'
import { bandsOf, eachDate, isoWeekday } from '../common/calendar'
import { inSession } from '../leave/cover'

export interface Generated {
  readonly created: number
  /** New slot ids per doctor-day, for slots.changed. */
  readonly byDoctorDay: ReadonlyMap<string, { doctorId: number; date: string; slotIds: number[] }>
}

type NewBand = Insertable<DB['doctor_schedules']> & { date: string }

/** Rows per INSERT: 7 values each, well under SQLite's 32,766 bound parameters. */
const ROWS_PER_INSERT = 500

/**
 * The bands of every active session of active doctors for each day from..to that do not exist
 * yet (by doctor, date and start), by date. Clinic holidays and a doctor's days off get none.
 * Reads only: through the read handle to see whether there is work at all, then again inside the
 * unit that does it (generateSlots).
 */
export async function missingBands(
  db: Pick<ReadDb, 'selectFrom'>,
  from: string,
  to: string,
  doctorId?: number,
): Promise<Map<string, NewBand[]>> {
  let templates = db
    .selectFrom('schedule_templates as t')
    .innerJoin('doctors as d', 'd.id', 't.doctor_id')
    .select([
      't.id',
      't.doctor_id',
      't.weekday',
      't.start_time',
      't.end_time',
      't.slot_minutes',
      't.quota_per_slot',
      't.walk_in_per_slot',
    ])
    .where('t.active', '=', 1)
    .where('d.active', '=', 1)
  if (doctorId !== undefined) templates = templates.where('t.doctor_id', '=', doctorId)
  const sessions = await templates.execute()
  const byDate = new Map<string, NewBand[]>()
  if (sessions.length === 0 || from > to) return byDate

  const holidays = new Set(
    (
      await db
        .selectFrom('clinic_holidays')
        .select('date')
        .where('date', '>=', from)
        .where('date', '<=', to)
        .execute()
    ).map((r) => r.date),
  )
  const daysOff = new Set(
    (
      await db
        .selectFrom('doctor_days_off')
        .select(['doctor_id', 'date'])
        .where('date', '>=', from)
        .where('date', '<=', to)
        .execute()
    ).map((r) => `${r.doctor_id}|${r.date}`),
  )
  // Active leave (停诊) from..to: its days, or its session of them, get no bands until reopened.
  let leaveQuery = db
    .selectFrom('leaves')
    .select(['doctor_id', 'from_date', 'to_date', 'session'])
    .where('state', '=', 'ACTIVE')
    .where('from_date', '<=', to)
    .where('to_date', '>=', from)
  if (doctorId !== undefined) leaveQuery = leaveQuery.where('doctor_id', '=', doctorId)
  const leaves = await leaveQuery.execute()
  // One row per doctor-day with its start times, from the unique index alone: the 8,400 bands of
  // the 1M database's horizon as 8,400 rows took ~40 ms, as 560 rows ~3 ms.
  let existing = db
    .selectFrom('doctor_schedules')
    .select(['doctor_id', 'date', commaList(dialectOf(db), 'start_time').as('starts')])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .groupBy(['doctor_id', 'date'])
  if (doctorId !== undefined) existing = existing.where('doctor_id', '=', doctorId)
  const exists = new Set<string>()
  for (const day of await existing.execute())
    for (const start of day.starts.split(',')) exists.add(`${day.doctor_id}|${day.date}|${start}`)

  // A session's bands are the same every week: worked out once, not once per day.
  const weekly = sessions.map((s) => ({
    s,
    bands: bandsOf(s.start_time, s.end_time, s.slot_minutes),
  }))
  for (const date of eachDate(from, to)) {
    if (holidays.has(date)) continue
    const weekday = isoWeekday(date)
    for (const { s, bands } of weekly) {
      if (s.weekday !== weekday || daysOff.has(`${s.doctor_id}|${date}`)) continue
      const onLeave = leaves.filter(
        (l) => l.doctor_id === s.doctor_id && l.from_date <= date && l.to_date >= date,
      )
      for (const band of bands) {
        if (exists.has(`${s.doctor_id}|${date}|${band.start}`)) continue
        if (onLeave.some((l) => inSession(band.start, l.session))) continue
        const day = byDate.get(date) ?? []
        day.push({
          doctor_id: s.doctor_id,
          date,
          start_time: band.start,
          end_time: band.end,
          quota: s.quota_per_slot,
          walk_in_reserved: s.walk_in_per_slot,
          template_id: s.id,
        })
        byDate.set(date, day)
      }
    }
  }
  return byDate
}

/**
 * Creates the missing bands from..to (missingBands) in the unit's transaction. Idempotent: a run
 * over a horizon that is full reads and inserts nothing (it ran one no-op insert per band, ~360 ms
 * at 1M, on every start and every hour).
 */
export async function generateSlots(
  tx: Transaction<DB>,
  from: string,
  to: string,
  doctorId?: number,
): Promise<Generated> {
  const missing = [...(await missingBands(tx, from, to, doctorId)).values()].flat()
  const byDoctorDay = new Map<string, { doctorId: number; date: string; slotIds: number[] }>()
  let created = 0
  for (let i = 0; i < missing.length; i += ROWS_PER_INSERT) {
    const rows = await tx
      .insertInto('doctor_schedules')
      .values(missing.slice(i, i + ROWS_PER_INSERT))
      // Two sessions of one doctor may share a start (the unique key): the first one wins, as before.
      .onConflict((oc) => oc.columns(['doctor_id', 'date', 'start_time']).doNothing())
      .returning(['id', 'doctor_id', 'date'])
      .execute()
    for (const row of rows) {
      created++
      const key = `${row.doctor_id}|${row.date}`
      const entry = byDoctorDay.get(key) ?? { doctorId: row.doctor_id, date: row.date, slotIds: [] }
      entry.slotIds.push(row.id)
      byDoctorDay.set(key, entry)
    }
  }
  return { created, byDoctorDay }
}
