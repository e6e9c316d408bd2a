import { sql } from 'kysely'
import type { Host } from '../../src/main/host/create-host'
import type { EngineKind } from '../../src/main/db/units'

/**
 * What suites on both engines (helpers/engines.ts) need to look at the database underneath a host
 * without reaching for SQLite's own connection: the engine, a row count, every row of every table,
 * a statement that only a test would send (a trigger that fails a write on purpose), and a wait for
 * PostgreSQL's change feed to bring a host's bus every committed event.
 */
type Db = Pick<Host, 'database'>

export const engineOf = (host: Db): EngineKind =>
  host.database.read.engine === 'postgres' ? 'postgres' : 'sqlite'

/** Rows of a raw SELECT, through the host's writable handle (the read handle takes builders only). */
export async function selectRows<R>(host: Db, text: string): Promise<R[]> {
  return (await sql.raw<R>(text).execute(host.database.units.db)).rows
}

/** Runs statements the services never send (DDL for a test's failure), one at a time. */
export async function execute(host: Db, ...statements: string[]): Promise<void> {
  for (const text of statements) await sql.raw(text).execute(host.database.units.db)
}

/** How many rows a table has (int8 comes back as a number on both engines: handles-pg.ts). */
export async function countRows(host: Db, table: string, where = 'true'): Promise<number> {
  const [row] = await selectRows<{ n: number | string }>(
    host,
    `select count(*) as n from "${table}" where ${where}`,
  )
  return Number(row?.n ?? 0)
}

/**
 * Every row of every table, each as JSON, sorted: the whole database as data, to show that a
 * refused call left it exactly as it was. On SQLite sqlite_sequence is a table and counts too;
 * PostgreSQL's sequences are not tables and do not roll back (a refused insert still uses up its
 * id, by design), so they are left out there.
 */
export async function snapshotTables(host: Db): Promise<Record<string, string[]>> {
  const tables = await selectRows<{ name: string }>(
    host,
    engineOf(host) === 'postgres'
      ? "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name"
      : "select name from sqlite_master where type = 'table' order by name",
  )
  const out: Record<string, string[]> = {}
  for (const { name } of tables) {
    const rows = await selectRows<unknown>(host, `select * from "${name}"`)
    out[name] = rows.map((row) => JSON.stringify(row)).sort()
  }
  return out
}

/**
 * A trigger that makes every INSERT into `table` fail with `message`, on either engine, and the
 * statements that remove it again.
 */
export function refuseInserts(
  host: Db,
  table: string,
  message: string,
): { create(): Promise<void>; drop(): Promise<void> } {
  const name = `refuse_${table}`
  if (engineOf(host) === 'postgres')
    return {
      create: () =>
        execute(
          host,
          `create function ${name}() returns trigger language plpgsql as $$ begin raise exception '${message}'; end $$`,
          `create trigger ${name} before insert on "${table}" for each row execute function ${name}()`,
        ),
      drop: () => execute(host, `drop trigger ${name} on "${table}"`, `drop function ${name}()`),
    }
  return {
    create: () =>
      execute(
        host,
        `create trigger ${name} before insert on "${table}" begin select raise(abort, '${message}'); end`,
      ),
    drop: () => execute(host, `drop trigger ${name}`),
  }
}

/**
 * On PostgreSQL a commit's events reach a host's bus through the change feed, and an answer waits
 * for its own at most 100 ms (db/pg/change-feed.ts): on loaded cores they can come later. This
 * waits until the bus holds every committed event (before sockets open, so setup does not leak
 * into their frames; after a test's own commit). On SQLite the bus always does already.
 */
export async function busCaughtUp(host: Pick<Host, 'database' | 'bus'>): Promise<void> {
  if (engineOf(host) !== 'postgres') return
  for (;;) {
    const [row] = await selectRows<{ xid: number | null }>(
      host,
      'select max(xid) as xid from change_feed where events is not null',
    )
    // Revisions are xid × 4096 + n, n ≥ 1 (change-feed.ts): above xid × 4096 is that commit's.
    if (row?.xid == null || host.bus.since(Number.MAX_SAFE_INTEGER).head > Number(row.xid) * 4096)
      return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * The columns of an appointment row a hand-built data set has no opinion on (written through
 * kysely, so on either engine): spread it, then give what the test is about.
 */
export const quietAppointment = (now: string) => ({
  chief_complaint: '',
  idempotency_key: null,
  rescheduled_from: null,
  skip_count: 0,
  created_by: 'test',
  created_at: now,
  updated_at: now,
  checked_in_at: null,
  called_at: null,
  started_at: null,
  completed_at: null,
  canceled_at: null,
})
