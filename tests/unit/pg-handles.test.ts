import { sql, type Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { selectEngine } from '../../src/main/db/engine'
import type { Handles } from '../../src/main/db/handles'
import { migratePg } from '../../src/main/db/pg/migrate-pg'
import { PG_MIGRATIONS } from '../../src/main/db/pg/migrations-pg'
import { openPgHandles } from '../../src/main/db/pg/handles-pg'
import { withRetry } from '../../src/main/db/pg/retry'
import type { CompiledRead } from '../../src/main/db/read'
import type { DB } from '../../src/main/db/schema'
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster'
import pg from 'pg'

describe('engine selection', () => {
  test('SQLite unless CLINIC_DATABASE_URL names a PostgreSQL server', () => {
    expect(selectEngine({})).toEqual({ kind: 'sqlite' })
    expect(selectEngine({ CLINIC_DATABASE_URL: ' ' })).toEqual({ kind: 'sqlite' })
    expect(selectEngine({ CLINIC_DATABASE_URL: 'postgres://h/db' })).toEqual({
      kind: 'postgres',
      url: 'postgres://h/db',
    })
    expect(selectEngine({ CLINIC_DATABASE_URL: 'postgresql://h/db' }).kind).toBe('postgres')
  })
  test('anything else is refused, without echoing a password', () => {
    expect(() => selectEngine({ CLINIC_DATABASE_URL: 'mysql://u:secret@h/db' })).toThrow(
      /postgres:\/\/…/,
    )
    expect(() => selectEngine({ CLINIC_DATABASE_URL: 'mysql://u:secret@h/db' })).not.toThrow(
      /secret/,
    )
  })
})

const skipped = pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''
const NOW = '2026-12-02T00:00:00Z'

/**
 * One booking the PostgreSQL way, as two hosts' units would run it: the guarded increment takes
 * the band's row lock, the queue counter's upsert its doctor-day row lock; the idempotency key
 * makes a retried submission return the first booking.
 */
async function book(db: Kysely<DB>, patientId: number, key: string): Promise<number | 'FULL'> {
  return withRetry(() =>
    db.transaction().execute(async (tx) => {
      const again = await tx
        .selectFrom('appointments')
        .select('queue_no')
        .where('idempotency_key', '=', key)
        .executeTakeFirst()
      if (again) return again.queue_no
      const taken = await tx
        .updateTable('doctor_schedules')
        .set({ booked: sql`booked + 1` })
        .where('id', '=', 1)
        .where('booked', '<', sql<number>`quota`)
        .executeTakeFirst()
      if (taken.numUpdatedRows !== 1n) return 'FULL'
      const { last_no } = await tx
        .insertInto('queue_counters')
        .values({ doctor_id: 1, date: '2026-12-03', last_no: 1 })
        .onConflict((oc) =>
          oc
            .columns(['doctor_id', 'date'])
            .doUpdateSet({ last_no: sql`queue_counters.last_no + 1` }),
        )
        .returning('last_no')
        .executeTakeFirstOrThrow()
      await tx
        .insertInto('appointments')
        .values({
          slot_id: 1,
          doctor_id: 1,
          date: '2026-12-03',
          patient_id: patientId,
          queue_no: last_no,
          source: 'PHONE',
          status: 'CONFIRMED',
          chief_complaint: '',
          skip_count: 0,
          idempotency_key: key,
          call_order: last_no,
          live_guard: 1,
          created_by: 'desk',
          created_at: NOW,
          updated_at: NOW,
        })
        .execute()
      return last_no
    }),
  )
}

describe.skipIf(pgSkipReason)(`PostgreSQL handles${skipped}`, () => {
  let cluster: PgCluster
  let url: string
  const hosts: Handles[] = []
  beforeAll(async () => {
    cluster = await startPgCluster()
    url = await cluster.database()
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await migratePg(client, PG_MIGRATIONS)
    await client.end()
    // Two "hosts" on one database, each with its own pools.
    hosts.push(openPgHandles(url), openPgHandles(url))
    const db = hosts[0]!.units.db
    await db.insertInto('departments').values({ id: 1, name: 'A', created_at: NOW }).execute()
    await db
      .insertInto('doctors')
      .values({ id: 1, name: 'D', department_id: 1, created_at: NOW })
      .execute()
    await db
      .insertInto('patients')
      .values(
        Array.from({ length: 24 }, (_, i) => ({
          id: i + 1,
          name: `病人${i + 1}`,
          sex: 'U' as const,
          created_at: NOW,
          updated_at: NOW,
        })),
      )
      .execute()
    await db
      .insertInto('doctor_schedules')
      .values({
        id: 1,
        doctor_id: 1,
        date: '2026-12-03',
        start_time: '08:00',
        end_time: '08:30',
        quota: 10,
      })
      .execute()
  })
  afterAll(async () => {
    for (const h of hosts) await h.destroy()
    cluster?.stop()
  })

  test('the read handle reads, and PostgreSQL itself refuses a write sent through it', async () => {
    const read = hosts[0]!.read
    const row = await read.selectFrom('doctors').select(['id', 'name']).executeTakeFirst()
    expect(row).toEqual({ id: 1, name: 'D' }) // int8 comes back as a number
    const write = sql`UPDATE doctors SET name = 'X'`.compile(hosts[0]!.units.db)
    await expect(read.executeQuery(write as CompiledRead<unknown>)).rejects.toMatchObject({
      code: '25006',
    })
    expect((await read.selectFrom('doctors').select('name').executeTakeFirst())?.name).toBe('D')
  })

  test('24 bookings from two hosts at once on a band of 10: 10 booked, queue numbers 1–10 once each, retries answered with the first result', async () => {
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => book(hosts[i % 2]!.units.db, i + 1, `k${i + 1}`)),
    )
    const numbers = results.filter((r): r is number => r !== 'FULL').sort((a, b) => a - b)
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    const read = hosts[1]!.read
    const band = await read.selectFrom('doctor_schedules').select('booked').executeTakeFirst()
    const live = await read
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    expect(band?.booked).toBe(10)
    expect(Number(live?.n)).toBe(10)
    // The same submissions again, through the other host: same numbers, nothing added.
    const first = results.findIndex((r) => r !== 'FULL')
    expect(await book(hosts[(first + 1) % 2]!.units.db, first + 1, `k${first + 1}`)).toBe(
      results[first],
    )
    expect(
      (await read.selectFrom('doctor_schedules').select('booked').executeTakeFirst())?.booked,
    ).toBe(10)
  })

  test('a deadlock between two hosts is retried inside the host: both units finish', async () => {
    const db0 = hosts[0]!.units.db
    const db1 = hosts[1]!.units.db
    await db0
      .insertInto('rooms')
      .values([
        { id: 1, name: 'R1' },
        { id: 2, name: 'R2' },
      ])
      .execute()
    let attempts = 0
    const crossing = (db: Kysely<DB>, first: number, second: number) =>
      withRetry(() =>
        db.transaction().execute(async (tx) => {
          attempts++
          await tx
            .updateTable('rooms')
            .set({ name: sql`name || '+'` })
            .where('id', '=', first)
            .execute()
          await new Promise((r) => setTimeout(r, 150))
          await tx
            .updateTable('rooms')
            .set({ name: sql`name || '+'` })
            .where('id', '=', second)
            .execute()
        }),
      )
    await Promise.all([crossing(db0, 1, 2), crossing(db1, 2, 1)])
    expect(attempts).toBeGreaterThan(2) // one of them lost the deadlock and ran again
    const names = await hosts[0]!.read.selectFrom('rooms').select('name').orderBy('id').execute()
    expect(names.map((n) => n.name)).toEqual(['R1++', 'R2++'])
  })
})
