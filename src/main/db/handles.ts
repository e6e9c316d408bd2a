import type { Statement } from 'better-sqlite3'
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely'
import { ConnectionGate, SeamError } from './connection-gate'
import type { ReadDb } from './read'
import type { DB } from './schema'
import type { CachedStatements } from './statement-cache'

/** What the Writer alone gets: the writable handle, and the way to mark a unit's async work as its own. */
export interface UnitHandle {
  readonly db: Kysely<DB>
  within<T>(action: string, work: () => Promise<T>): Promise<T>
  /**
   * Runs synchronous work holding the connection, straight on the gate: group commit's drain
   * (db/group-commit.ts) takes it once per group, and kysely's `connection().execute` (a
   * connection provider, an executor and several promises per call) was 1.2 % of the host's
   * time in bench:ws-profile. Absent (PostgreSQL): the writer goes through kysely.
   */
  hold?<T>(work: () => T): Promise<T>
}

export interface Handles {
  readonly read: ReadDb
  readonly units: UnitHandle
  destroy(): Promise<void>
}

/**
 * The two handles over the host's one connection, queueing on one lock (connection-gate.ts):
 * the read handle, whose connection runs only statements that return rows and change nothing,
 * and the Writer's writable one, whose transactions begin with BEGIN IMMEDIATE.
 */
export function openHandles(statements: CachedStatements): Handles {
  const gate = new ConnectionGate()
  const reader = kyselyOver(new GateDriver(gate, 'A read', new ReadConnection(statements)))
  const writable = kyselyOver(new GateDriver(gate, 'A unit of work', new Connection(statements)))
  const read: ReadDb = {
    selectFrom: reader.selectFrom.bind(reader),
    // The builder it returns can also write, but only its SELECT reaches a connection that runs it.
    with: (name, expression) => reader.with(name, expression),
    fn: reader.fn,
    executeQuery: (query) => reader.executeQuery(query),
  }
  return {
    read,
    units: {
      db: writable,
      within: (action, work) => gate.within(action, work),
      hold: async (work) => {
        await gate.lock('A unit of work')
        try {
          return work()
        } finally {
          gate.unlock()
        }
      },
    },
    destroy: async () => {
      await reader.destroy()
      await writable.destroy()
    },
  }
}

function kyselyOver(driver: Driver): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  })
}

/**
 * kysely's SQLite driver on the shared gate. Transactions begin with BEGIN IMMEDIATE: a deferred
 * transaction that reads, then writes, fails at once with SQLITE_BUSY_SNAPSHOT when another
 * process wrote meanwhile, and busy_timeout cannot help it. BEGIN IMMEDIATE takes the write lock
 * up front, so concurrent writers queue on busy_timeout instead of failing.
 */
class GateDriver implements Driver {
  constructor(
    private readonly gate: ConnectionGate,
    private readonly purpose: string,
    private readonly connection: DatabaseConnection,
  ) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.gate.lock(this.purpose)
    return this.connection
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }
  async releaseConnection(): Promise<void> {
    this.gate.unlock()
  }
  // The connection is the host's: open.ts closes it after both handles are done.
  async destroy(): Promise<void> {}
}

/** kysely's SQLite connection, on the host's prepared statements (statement-cache.ts). */
class Connection implements DatabaseConnection {
  constructor(protected readonly statements: CachedStatements) {}

  protected prepare(sql: string): Statement {
    return this.statements.prepare(sql)
  }

  async executeQuery<R>({ sql, parameters }: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.prepare(sql)
    if (statement.reader) return { rows: statement.all(parameters) as R[] }
    const { changes, lastInsertRowid } = statement.run(parameters)
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
  }

  async *streamQuery<R>({ sql, parameters }: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const statement = this.prepare(sql)
    if (!statement.reader)
      throw new SeamError('Only a statement that returns rows can be streamed.')
    for (const row of statement.iterate(parameters)) yield { rows: [row as R] }
  }
}

/** How every read begins; anything else (a PRAGMA above all) is refused before SQLite sees it. */
const READ_START = /^\s*(?:select|with|values)\b/i

/**
 * The read handle's connection. Before preparing: the statement must start as a read, since some
 * PRAGMAs (foreign_keys = OFF) take effect while they are prepared. After: SQLite itself says
 * whether it returns rows and changes nothing (sqlite3_stmt_readonly; better-sqlite3 keeps both
 * answers on the prepared statement). Both are needed: WITH … DELETE starts like a read, BEGIN
 * and ATTACH count as read-only, INSERT … RETURNING returns rows. All three checks together cost
 * one anchored regex and two property reads.
 */
class ReadConnection extends Connection {
  protected override prepare(sql: string): Statement {
    const statement = READ_START.test(sql) ? this.statements.prepare(sql) : undefined
    if (!statement?.reader || !statement.readonly) {
      throw new SeamError(
        `The read handle runs only reads; this statement would change the database or the ` +
          `connection, so it belongs in a unit of work: ${sql.slice(0, 80)}`,
      )
    }
    return statement
  }
}
