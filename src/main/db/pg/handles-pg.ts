import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Handles } from '../handles'
import { pgNameOf } from './prepared'
import type { ReadDb } from '../read'
import type { DB } from '../schema'

/**
 * The same two handles as db/handles.ts, over PostgreSQL: services cannot tell the engines apart.
 * - The read handle's pool opens every session with default_transaction_read_only, so PostgreSQL
 *   itself refuses a write sent through it (SQLite's side checks each statement; here the server does).
 * - The unit handle's pool is a plain writable one. Units of several hosts run side by side; they
 *   meet on row locks (the guarded increment's UPDATE, the queue counter's upsert), not on one
 *   connection, so `within` needs no gate: PostgreSQL's transaction is the unit's own.
 * int8 and numeric come back as numbers, as better-sqlite3 gives them (ids and counts stay far
 * below 2^53).
 */
export function openPgHandles(url: string, poolSize = 8): Handles {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
        ? Number
        : pg.types.getTypeParser(oid, format as 'text'),
  }
  const reader = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: quietPool({
        connectionString: url,
        max: poolSize,
        types,
        options: '-c default_transaction_read_only=on',
      }),
    }),
  })
  // Units' connections send the booking's statements by name (prepared.ts).
  const writable = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: quietPool({ connectionString: url, max: poolSize, types, Client: NamingClient }),
    }),
  })
  const read: ReadDb = {
    engine: 'postgres',
    selectFrom: reader.selectFrom.bind(reader),
    with: (name, expression) => reader.with(name, expression),
    fn: reader.fn,
    executeQuery: (query) => reader.executeQuery(query),
  }
  return {
    read,
    units: { db: writable, within: (_action, work) => work() },
    destroy: async () => {
      await reader.destroy()
      await writable.destroy()
    },
  }
}

/**
 * A pool whose connections may be cut by the server (a restart, a failover, an administrator's
 * shutdown) without taking the host down: node-postgres emits 'error' on the pool for an idle
 * client, which is an uncaught exception unless someone listens. The pool drops that client and
 * the next query opens a new connection.
 */
function quietPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config)
  pool.on('error', (error) => console.warn(`[pg] an idle connection was closed: ${error.message}`))
  hearCheckedOutErrors(pool, '[pg]')
  return pool
}

/**
 * pg-pool listens for a client's 'error' only while the client is idle: a connection cut while it
 * is checked out between two statements (a unit's transaction waiting on the host's own work)
 * emitted 'error' with nobody listening, and the whole host exited (found by
 * tests/concurrency/pg-crash.test.ts, `pg_ctl stop -m immediate` mid-storm). Every client gets a
 * listener for its whole life; the statement under way fails, and the pool drops the client on
 * release (it is no longer queryable).
 */
export function hearCheckedOutErrors(pool: pg.Pool, prefix: string): void {
  pool.on('connect', (client) =>
    client.on('error', (error) =>
      console.warn(`${prefix} a connection in use was closed: ${error.message}`),
    ),
  )
}

/**
 * node-postgres's Client, sending a text registered in prepared.ts as a named statement (Parse
 * once per connection, then Bind and Execute). kysely calls `query(text, values)`; every other
 * form, and every other text, passes through unchanged.
 */
class NamingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values, callback] = args
    const name = typeof text === 'string' && callback === undefined ? pgNameOf(text) : undefined
    const query = super.query as (...a: unknown[]) => never
    return name !== undefined && Array.isArray(values)
      ? query.call(this, { name, text, values })
      : query.apply(this, args)
  }
}
