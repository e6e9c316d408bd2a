import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
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

export interface CompiledStatement<P, O> {
  readonly sql: string
  /** Inside a unit of work, synchronously: all rows. */
  allIn(w: Unit, params: P): O[]
  /** Inside a unit of work, synchronously: the first row, if any (an INSERT … RETURNING's row). */
  firstIn(w: Unit, params: P): O | undefined
  /** Inside a unit of work, synchronously: how many rows a write changed, and the new rowid of an insert. */
  runIn(w: Unit, params: P): { changes: number; insertId: number }
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
    const query = build(builder, ((name: string) => new Placeholder(name)) as Param<P>).compile()
    // Each parameter of the compiled SQL is either a named placeholder or a constant of the query.
    const slots = query.parameters.map((value) =>
      value instanceof Placeholder ? value : { constant: value },
    )
    const values = (params: P): unknown[] =>
      slots.map((slot) =>
        slot instanceof Placeholder
          ? (params as Record<string, unknown>)[slot.name]
          : slot.constant,
      )
    // Only a SELECT's statement offers all/first (Build above); the read handle's connection
    // refuses anything else that reaches it anyway.
    const bind = (params: P) =>
      ({ ...query, parameters: values(params) }) as unknown as CompiledRead<O>
    return {
      sql: query.sql,
      all: async (db, params) => (await db.executeQuery(bind(params))).rows,
      first: async (db, params) => (await db.executeQuery(bind(params))).rows[0],
      allIn: (w, params) => w.statements.prepare(query.sql).all(values(params)) as O[],
      firstIn: (w, params) => w.statements.prepare(query.sql).get(values(params)) as O | undefined,
      runIn: (w, params) => {
        const { changes, lastInsertRowid } = w.statements.prepare(query.sql).run(values(params))
        return { changes, insertId: Number(lastInsertRowid) }
      },
    }
  }
}
