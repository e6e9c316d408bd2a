import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type Transaction,
} from 'kysely'
import type { CompiledRead, ReadDb } from './read'
import type { DB } from './schema'
import type { UnitContext } from './write'

/** Builds and compiles queries without a database: only ever asked for their SQL. */
const builder = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
})

/** The same for PostgreSQL: each query is compiled for both engines, side by side ($1 placeholders). */
const pgBuilder = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

/** Stands where a parameter goes while the query is built; replaced by the call's value on each run. */
class Placeholder {
  constructor(readonly name: string) {}
}

/** Names a parameter inside a compiled query; typed as the value it stands for. */
export type Param<P> = <K extends keyof P & string>(name: K) => P[K]

/** What runs a compiled read outside a unit of work: the host's read handle. */
type Runner = Pick<ReadDb, 'executeQuery'>
/** Inside a unit of work: its own connection's prepared statements. */
type Unit = Pick<UnitContext, 'statements'>
/** Inside a PostgreSQL unit of work: its transaction (db/pg/writer-pg.ts). */
type PgUnit = { readonly tx: Pick<Transaction<DB>, 'executeQuery'> }

export interface CompiledStatement<P, O> {
  readonly sql: string
  /** Inside a unit of work, synchronously: all rows. */
  allIn(w: Unit, params: P): O[]
  /** Inside a unit of work, synchronously: the first row, if any (an INSERT … RETURNING's row). */
  firstIn(w: Unit, params: P): O | undefined
  /** Inside a unit of work, synchronously: how many rows a write changed, and the new rowid of an insert. */
  runIn(w: Unit, params: P): { changes: number; insertId: number }
  /** The async twins of the three above, on a PostgreSQL unit's transaction (PostgreSQL's SQL). */
  allOnPg(w: PgUnit, params: P): Promise<O[]>
  firstOnPg(w: PgUnit, params: P): Promise<O | undefined>
  /** How many rows a write changed (PostgreSQL has no rowid: an insert says RETURNING). */
  runOnPg(w: PgUnit, params: P): Promise<{ changes: number }>
}

/** A compiled SELECT: it can also run outside a unit of work, through the host's read handle. */
export interface CompiledSelect<P, O> extends CompiledStatement<P, O> {
  /** All rows, in the query's order, read through the host's read handle (it waits for an open write). */
  all(db: Runner, params: P): Promise<O[]>
  /** The first row, if any, read through the host's read handle. */
  first(db: Runner, params: P): Promise<O | undefined>
}

/** What kysely's SELECT builders (also after `with`) say they are. */
type Select<O> = Compilable<O> & { readonly isSelectQueryBuilder: true }

interface Build<P> {
  /** A SELECT: readable inside a unit and through the read handle. */
  <O>(build: (db: Kysely<DB>, $: Param<P>) => Select<O>): CompiledSelect<P, O>
  /** Any other statement (INSERT, UPDATE, DELETE): only inside a unit of work. */
  <O>(build: (db: Kysely<DB>, $: Param<P>) => Compilable<O>): CompiledStatement<P, O>
}

/**
 * A query built with kysely once, at module load, and run many times with new parameters.
 * Building and compiling a kysely query costs as much as running a small indexed query; the hot
 * paths (a booking, the slot grid, a doctor's queue, the patient search) pay it once instead
 * of on every call. The query keeps kysely's typing. Reads outside a unit of work run through
 * the host's read handle, so its connection lock applies exactly as for any other query; only a
 * SELECT can (a write compiles to a statement with `…In` alone).
 * Inside a unit (`…In`) it runs synchronously on the unit's own connection, which the unit
 * holds for its whole transaction: kysely's asynchronous executor cost a booking more than its
 * SQL did. Either way the host's statement cache (statement-cache.ts) keeps the SQL prepared.
 *
 * Usage: `compiled<{ id: number }>()((db, $) => db.selectFrom('patients').select('name').where('id', '=', $('id')))`.
 * A parameter may be used in the query as often as needed; a list (`in`) must keep a fixed length.
 */
export function compiled<P extends object>(): Build<P> {
  return <O>(build: (db: Kysely<DB>, $: Param<P>) => Compilable<O>): CompiledSelect<P, O> => {
    const $ = ((name: string) => new Placeholder(name)) as Param<P>
    const query = build(builder, $).compile()
    const pgQuery = build(pgBuilder, $).compile()
    const values = binder<P>(query.parameters)
    const pgValues = binder<P>(pgQuery.parameters)
    // Only a SELECT's statement offers all/first (Build above); the read handle's connection
    // refuses anything else that reaches it anyway.
    const bind = (db: Runner, params: P) =>
      (onPg(db)
        ? { ...pgQuery, parameters: pgValues(params) }
        : { ...query, parameters: values(params) }) as unknown as CompiledRead<O>
    const onTx = async (w: PgUnit, params: P) =>
      w.tx.executeQuery<O>({ ...pgQuery, parameters: pgValues(params) } as never)
    return {
      sql: query.sql,
      all: async (db, params) => (await db.executeQuery(bind(db, params))).rows,
      first: async (db, params) => (await db.executeQuery(bind(db, params))).rows[0],
      allOnPg: async (w, params) => (await onTx(w, params)).rows,
      firstOnPg: async (w, params) => (await onTx(w, params)).rows[0],
      runOnPg: async (w, params) => {
        const result = await onTx(w, params)
        return { changes: Number(result.numAffectedRows ?? result.rows.length) }
      },
      allIn: (w, params) => w.statements.prepare(query.sql).all(values(params)) as O[],
      firstIn: (w, params) => w.statements.prepare(query.sql).get(values(params)) as O | undefined,
      runIn: (w, params) => {
        const { changes, lastInsertRowid } = w.statements.prepare(query.sql).run(values(params))
        return { changes, insertId: Number(lastInsertRowid) }
      },
    }
  }
}

/** Each parameter of the compiled SQL is either a named placeholder or a constant of the query. */
function binder<P>(parameters: readonly unknown[]): (params: P) => unknown[] {
  const slots = parameters.map((value) =>
    value instanceof Placeholder ? value : { constant: value },
  )
  return (params) =>
    slots.map((slot) =>
      slot instanceof Placeholder ? (params as Record<string, unknown>)[slot.name] : slot.constant,
    )
}

/**
 * Whether a runner speaks PostgreSQL: a PostgreSQL read handle says so (db/pg/handles-pg.ts), a
 * kysely transaction by its adapter. Asked once per runner object.
 */
const dialects = new WeakMap<object, boolean>()
function onPg(db: Runner): boolean {
  let pg = dialects.get(db)
  if (pg === undefined) {
    const kysely = db as Partial<Pick<Kysely<DB>, 'getExecutor'>> & Pick<ReadDb, 'engine'>
    pg =
      kysely.engine === 'postgres' ||
      (typeof kysely.getExecutor === 'function' &&
        kysely.getExecutor().adapter instanceof PostgresAdapter)
    dialects.set(db, pg)
  }
  return pg
}

/** Whether a unit's transaction is PostgreSQL's (db/steps.ts picks its driver by it). */
export const onPgTx = (tx: Pick<ReadDb, 'executeQuery'>): boolean => onPg(tx)
