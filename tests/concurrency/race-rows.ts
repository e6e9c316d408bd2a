// The waitlist race tests' (waitlist-race, waitlist-offer-race) full doctor-day before the race,
// and the finished race's database read back.
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { expect } from 'vitest'
import { key, type Clinic } from '../helpers/booking-fixture'
import { RECEPTION } from '../helpers/test-host'

/** Books patient i into band i of the doctor's day, for every band: the bands, and the bookings' ids in their order. */
export async function bookEveryBand(
  clinic: Clinic,
  doctorId: number,
  date: string,
  bandCount: number,
): Promise<{ bands: { id: number }[]; booked: number[] }> {
  const { host, patientIds } = clinic
  const bands = await host.must(RECEPTION, 'slots.forDoctorDay', { doctorId, date })
  expect(bands).toHaveLength(bandCount)
  const booked: number[] = []
  for (const [i, band] of bands.entries()) {
    const args = { slotId: band.id, patientId: patientIds[i]!, idempotencyKey: key() }
    booked.push((await host.must(RECEPTION, 'appointments.book', args)).id)
  }
  return { bands, booked }
}

export type Rows = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>

/**
 * Reads the finished race straight from the database, `?` placeholders on both engines (numbered
 * for PostgreSQL here), counts as numbers (PostgreSQL returns bigint counts as strings).
 */
export async function withRows<T>(clinic: Clinic, body: (rows: Rows) => Promise<T>): Promise<T> {
  const { databaseUrl } = clinic.host
  const numbers = (row: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v,
      ]),
    )
  if (databaseUrl === undefined) {
    const db = new BetterSqlite3(clinic.host.file, { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      return await body(
        async (text, params) => db.prepare(text).all(...params) as Record<string, unknown>[],
      )
    } finally {
      db.close()
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return await body(async (text, params) => {
      let n = 0
      const numbered = text.replace(/\?/g, () => `$${++n}`)
      return (await client.query(numbered, params)).rows.map(numbers)
    })
  } finally {
    await client.end()
  }
}
