import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DatabaseTooNewError } from '../../src/main/db/migrate'
import { migratePg, readVersion } from '../../src/main/db/pg/migrate-pg'
import { PG_MIGRATIONS } from '../../src/main/db/pg/migrations-pg'
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster'

const LATEST = PG_MIGRATIONS.length
const skipped = pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''

describe.skipIf(pgSkipReason)(`PostgreSQL migrations${skipped}`, () => {
  let cluster: PgCluster
  const clients: pg.Client[] = []
  const connect = async (url: string): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    clients.push(client)
    return client
  }
  beforeAll(async () => {
    cluster = await startPgCluster()
  })
  afterAll(async () => {
    for (const c of clients) await c.end()
    cluster?.stop()
  })

  test('bring an empty database to the newest version, and a second run changes nothing', async () => {
    const client = await connect(await cluster.database())
    expect(await migratePg(client, PG_MIGRATIONS)).toEqual({ from: 0, to: LATEST })
    expect(await readVersion(client)).toBe(LATEST)
    expect(await migratePg(client, PG_MIGRATIONS)).toEqual({ from: LATEST, to: LATEST })
  })

  test('several hosts starting at once on one database take turns: each file runs once', async () => {
    const url = await cluster.database()
    const hosts = await Promise.all([1, 2, 3, 4].map(() => connect(url)))
    const results = await Promise.all(hosts.map((c) => migratePg(c, PG_MIGRATIONS)))
    expect(results.every((r) => r.to === LATEST)).toBe(true)
    expect(await readVersion(hosts[0]!)).toBe(LATEST)
  })

  test('a database written by a newer ClinicDesk is refused and left as it was', async () => {
    const client = await connect(await cluster.database())
    await migratePg(client, PG_MIGRATIONS)
    await client.query('UPDATE clinicdesk_schema SET version = $1', [LATEST + 1])
    await expect(migratePg(client, PG_MIGRATIONS)).rejects.toThrow(DatabaseTooNewError)
    await expect(migratePg(client, PG_MIGRATIONS)).rejects.toThrow(/newer ClinicDesk/)
    expect(await readVersion(client)).toBe(LATEST + 1)
  })

  test('a file that fails leaves the version and the schema as they were', async () => {
    const client = await connect(await cluster.database())
    const broken = [
      ...PG_MIGRATIONS.slice(0, 2),
      { version: 3, name: '0003_x.sql', sql: 'CREATE TABLE t (a int); SELECT nope' },
    ]
    await expect(migratePg(client, broken)).rejects.toThrow()
    expect(await readVersion(client)).toBe(2)
    const { rows } = await client.query("select to_regclass('t') as t")
    expect(rows[0].t).toBeNull()
  })

  test('the booking invariants are the database’s: quota, queue numbers, idempotency, one live booking', async () => {
    const c = await connect(await cluster.database())
    await migratePg(c, PG_MIGRATIONS)
    const now = '2026-12-02T00:00:00Z'
    await c.query(`INSERT INTO departments (id, name, created_at) VALUES (1, 'A', $1)`, [now])
    await c.query(
      `INSERT INTO doctors (id, name, department_id, created_at) VALUES (1, 'D', 1, $1)`,
      [now],
    )
    await c.query(
      `INSERT INTO patients (id, name, sex, created_at, updated_at) VALUES (1, '张伟', 'M', $1, $1), (2, '李娜', 'F', $1, $1)`,
      [now],
    )
    await c.query(
      `INSERT INTO doctor_schedules (id, doctor_id, date, start_time, end_time, quota) VALUES (1, 1, '2026-12-03', '08:00', '08:30', 1)`,
    )
    const guarded = `UPDATE doctor_schedules SET booked = booked + 1 WHERE id = 1 AND booked < quota`
    expect((await c.query(guarded)).rowCount).toBe(1)
    expect((await c.query(guarded)).rowCount).toBe(0)
    await expect(c.query(`UPDATE doctor_schedules SET booked = 2 WHERE id = 1`)).rejects.toThrow(
      /check/,
    )
    const book = (id: number, patient: number, queueNo: number, key: string | null) =>
      c.query(
        `INSERT INTO appointments (id, slot_id, doctor_id, date, patient_id, queue_no, source, status, idempotency_key, call_order, live_guard, created_by, created_at, updated_at)
         VALUES ($1, 1, 1, '2026-12-03', $2, $3, 'PHONE', 'CONFIRMED', $4, 0, 1, 'desk', $5, $5)`,
        [id, patient, queueNo, key, now],
      )
    await book(1, 1, 1, 'k1')
    await expect(book(2, 2, 1, 'k2')).rejects.toThrow(/appointments_doctor_id_date_queue_no_key/)
    await expect(book(3, 2, 2, 'k1')).rejects.toThrow(/appointments_idempotency_key_key/)
    await expect(book(4, 1, 3, 'k4')).rejects.toThrow(/appointments_one_live/)
    await expect(c.query('DELETE FROM audit_log')).resolves.toBeDefined() // empty: nothing to refuse
    await c.query(
      `INSERT INTO audit_log (at, actor, action, entity) VALUES ($1, 'a', 'x.y', 'e')`,
      [now],
    )
    await expect(c.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/)
    await expect(c.query('UPDATE audit_log SET actor = $1', ['b'])).rejects.toThrow(/append-only/)
    await expect(c.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/)
  })
})
