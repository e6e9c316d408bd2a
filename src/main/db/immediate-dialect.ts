import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type SqliteDialectConfig,
} from 'kysely'

/**
 * kysely's SQLite driver begins every transaction with a plain (deferred) BEGIN. A deferred
 * transaction that reads, then writes, fails at once with SQLITE_BUSY_SNAPSHOT when another
 * process wrote meanwhile, and busy_timeout cannot help it. BEGIN IMMEDIATE takes the write
 * lock up front, so concurrent writers queue on busy_timeout instead of failing.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config)
  }
}
