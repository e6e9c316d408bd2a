import {
  createQueryId,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
  type OperationNodeSource,
  type RawBuilder,
  type RootOperationNode,
} from 'kysely'
import type { DB } from './schema'

/**
 * The SQL engines ClinicDesk reads and writes. Queries are kysely builders, which compile for
 * either; the few things the two engines say differently are the fragments below, side by side,
 * so a reader of one sees the other and nothing engine-specific is scattered through services.
 */
export type Dialect = 'sqlite' | 'postgres'

const offline = (postgres: boolean): Kysely<DB> =>
  new Kysely<DB>({
    dialect: {
      createAdapter: () => (postgres ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) =>
        postgres ? new PostgresIntrospector(db) : new SqliteIntrospector(db),
      createQueryCompiler: () =>
        postgres ? new PostgresQueryCompiler() : new SqliteQueryCompiler(),
    },
  })

/** Builders that compile without a database, one per engine: only ever asked for their SQL. */
export const offlineBuilders: Readonly<Record<Dialect, Kysely<DB>>> = {
  sqlite: offline(false),
  postgres: offline(true),
}

/** A query built by any builder, compiled into the SQL text and parameters of one engine. */
export function compileFor<R>(
  dialect: Dialect,
  query: Compilable<R> & OperationNodeSource,
): CompiledQuery<R> {
  return offlineBuilders[dialect]
    .getExecutor()
    .compileQuery<R>(query.toOperationNode() as RootOperationNode, createQueryId())
}

/** What the probe below needs of a handle's builder. */
interface ProbeQuery {
  select(column: 'id'): { where(c: 'id', op: '=', v: number): Compilable<unknown> }
}

const seen = new WeakMap<object, Dialect>()

/**
 * The engine behind a read handle (or a unit's transaction): read off its own query compiler,
 * which numbers parameters on PostgreSQL ($1) and not on SQLite (?). Handles are long-lived, so
 * it is worked out once per handle. Something with no builder (a test's capture) counts as SQLite.
 */
export function dialectOf(runner: object): Dialect {
  let dialect = seen.get(runner)
  if (dialect === undefined) {
    const { selectFrom, engine } = runner as {
      selectFrom?: (table: 'patients') => ProbeQuery
      engine?: string
    }
    const probe =
      engine === 'postgres'
        ? '$1'
        : typeof selectFrom === 'function'
          ? selectFrom.call(runner, 'patients').select('id').where('id', '=', 0).compile().sql
          : ''
    dialect = probe.includes('$1') ? 'postgres' : 'sqlite'
    seen.set(runner, dialect)
  }
  return dialect
}

// ---- The fragments each engine says its own way ----------------------------------------------

/**
 * Whole seconds from instant `a` to instant `b` (UTC ISO strings; NULL when either is), as the
 * difference of their whole-second epochs: SQLite's unixepoch() drops the fraction of each, so
 * PostgreSQL floors each epoch before subtracting (0.9 s → 1.1 s is 1 second on both).
 */
export function secondsBetween(dialect: Dialect, a: string, b: string): RawBuilder<number | null> {
  const [from, to] = [sql.ref(a), sql.ref(b)]
  return dialect === 'postgres'
    ? sql<
        number | null
      >`(floor(extract(epoch from ${to}::timestamptz)) - floor(extract(epoch from ${from}::timestamptz)))::bigint`
    : sql<number | null>`unixepoch(${to}) - unixepoch(${from})`
}

/**
 * The last `n` characters of a column. With n = 4 it is written exactly as the expression
 * indexes of migration 0002 (`substr(x, -4)` / `right(x, 4)`), so each engine uses its index.
 */
export function lastChars(
  dialect: Dialect,
  column: string,
  n: number | RawBuilder<number>,
): RawBuilder<string> {
  const ref = sql.ref(column)
  const count = typeof n === 'number' ? sql.lit(n) : n
  return dialect === 'postgres'
    ? sql<string>`right(${ref}, ${count})`
    : sql<string>`substr(${ref}, -${count})`
}

/**
 * `column` between `low` (inclusive) and `high` (exclusive), compared byte by byte as SQLite's
 * BINARY collation does: PostgreSQL's `<` follows the database's collation (zh_CN, en_US …),
 * its ~>=~ / ~<~ compare bytes and are what the text_pattern_ops indexes of 0002 serve.
 */
export function inByteRange(
  dialect: Dialect,
  column: string,
  low: unknown,
  high: unknown,
): RawBuilder<boolean> {
  const ref = sql.ref(column)
  return dialect === 'postgres'
    ? sql<boolean>`(${ref} ~>=~ ${low} and ${ref} ~<~ ${high})`
    : sql<boolean>`(${ref} >= ${low} and ${ref} < ${high})`
}

/**
 * `column` matches the LIKE `pattern` (its wildcards escaped with `\`), ignoring the case of
 * Latin letters as SQLite's LIKE does: PostgreSQL's LIKE minds case, its ILIKE does not. An audit
 * search for "desk" finds the actor "Desk-2" on both.
 */
export function likeIgnoringCase(
  dialect: Dialect,
  column: string,
  pattern: string,
): RawBuilder<boolean> {
  const ref = sql.ref(column)
  return dialect === 'postgres'
    ? sql<boolean>`${ref} ilike ${pattern} escape '\\'`
    : sql<boolean>`${ref} like ${pattern} escape '\\'`
}
