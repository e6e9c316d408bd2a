import type { Compilable, CompiledQuery, Kysely, Transaction } from 'kysely'
import { dialectOf, offlineBuilders, type Dialect } from './dialect'
import type { CompiledRead, ReadDb } from './read'
import type { DB } from './schema'
import type { UnitContext } from './write'
import { nameOnPg } from './pg/prepared'

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
  /**
   * Sent to PostgreSQL as a named prepared statement (db/pg/prepared.ts): parsed and planned once
   * per connection. For the few statements every booking runs; returns the statement itself.
   */
  namedOnPg(): this
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

/** Builds the query for one engine; `dialect` picks the fragments of db/dialect.ts it needs. */
type BuildFn<P, Q> = (db: Kysely<DB>, $: Param<P>, dialect: Dialect) => Q

interface Build<P> {
  /** A SELECT: readable inside a unit and through the read handle. */
  <O>(build: BuildFn<P, Select<O>>): CompiledSelect<P, O>
  /** Any other statement (INSERT, UPDATE, DELETE): only inside a unit of work. */
  <O>(build: BuildFn<P, Compilable<O>>): CompiledStatement<P, O>
}

/** A query compiled for one engine, and how to bind a call's values to its parameters. */
interface Bound<P> {
  readonly query: CompiledQuery
  values(params: P): unknown[]
}

function compileWith<P>(dialect: Dialect, build: BuildFn<P, Compilable<unknown>>): Bound<P> {
  const query = build(
    offlineBuilders[dialect],
    ((name: string) => new Placeholder(name)) as Param<P>,
    dialect,
  ).compile()
  // Each parameter of the compiled SQL is either a named placeholder or a constant of the query.
  const slots = query.parameters.map((value) =>
    value instanceof Placeholder ? value : { constant: value },
  )
  const values = (params: P): unknown[] =>
    slots.map((slot) =>
      slot instanceof Placeholder ? (params as Record<string, unknown>)[slot.name] : slot.constant,
    )
  return { query, values }
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
 * `all`/`first` through a PostgreSQL handle run the same query compiled by PostgreSQL's compiler
 * (db/dialect.ts tells the handles apart); `…In` are SQLite's units', `…OnPg` PostgreSQL's.
 *
 * Usage: `compiled<{ id: number }>()((db, $) => db.selectFrom('patients').select('name').where('id', '=', $('id')))`.
 * A parameter may be used in the query as often as needed; a list (`in`) must keep a fixed length.
 */
export function compiled<P extends object>(): Build<P> {
  return <O>(build: BuildFn<P, Compilable<O>>): CompiledSelect<P, O> => {
    const sqlite = compileWith('sqlite', build as BuildFn<P, Compilable<unknown>>)
    // PostgreSQL's text ($1 placeholders, its own fragments) is compiled the first time a
    // PostgreSQL handle runs the query: an embedded SQLite host never pays for it.
    let postgres: Bound<P> | undefined
    let named = false
    const pgBound = (): Bound<P> => {
      if (postgres) return postgres
      postgres = compileWith('postgres', build as BuildFn<P, Compilable<unknown>>)
      if (named) nameOnPg(postgres.query.sql)
      return postgres
    }
    const on = (db: object): Bound<P> => (dialectOf(db) === 'postgres' ? pgBound() : sqlite)
    const { query, values } = sqlite
    // Only a SELECT's statement offers all/first (Build above); the read handle's connection
    // refuses anything else that reaches it anyway.
    const bind = (db: object, params: P) => {
      const bound = on(db)
      return { ...bound.query, parameters: bound.values(params) } as unknown as CompiledRead<O>
    }
    const onTx = async (w: PgUnit, params: P) => {
      const pg = pgBound()
      return w.tx.executeQuery<O>({ ...pg.query, parameters: pg.values(params) } as never)
    }
    const statement: CompiledSelect<P, O> = {
      namedOnPg: () => {
        named = true
        if (postgres) nameOnPg(postgres.query.sql)
        return statement
      },
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
    return statement
  }
}

/** Whether a unit's transaction is PostgreSQL's (db/steps.ts picks its driver by it). */
export const onPgTx = (tx: object): boolean => dialectOf(tx) === 'postgres'
