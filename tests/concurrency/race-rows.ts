// A finished race's database, read by the race tests (waitlist-race, waitlist-offer-race).
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { expect } from 'vitest'
import type { Clinic } from '../helpers/booking-fixture'

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
