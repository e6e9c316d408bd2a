import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
  type Transaction,
} from 'kysely'
import type { DB } from './schema'
import type { ReadDb } from './write'

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

/** What runs a compiled query: the host's read handle or a write unit's transaction. */
type Runner = Pick<ReadDb, 'executeQuery'>

export interface CompiledStatement<P, O> {
  readonly sql: string
  /** All rows, in the query's order. */
  all(db: Runner, params: P): Promise<O[]>
  /** The first row, if any. */
  first(db: Runner, params: P): Promise<O | undefined>
  /** A write inside a unit of work: how many rows it changed, and the new rowid of an insert. */
  run(tx: Transaction<DB>, params: P): Promise<{ changes: number; insertId: number }>
}

/**
 * A query built with kysely once, at module load, and run many times with new parameters.
 * Building and compiling a kysely query costs as much as running a small indexed query; the hot
 * paths (a booking, the slot grid, a doctor's queue, the patient search) pay it once instead
 * of on every call. The query keeps kysely's typing; it runs through the caller's own handle,
 * so its connection lock and open transaction apply exactly as for any other query, and the
 * host's statement cache (statement-cache.ts) keeps the SQL prepared.
 *
 * Usage: `compiled<{ id: number }>()((db, $) => db.selectFrom('patients').select('name').where('id', '=', $('id')))`.
 * A parameter may be used in the query as often as needed; a list (`in`) must keep a fixed length.
 */
export function compiled<P extends object>() {
  return <O>(build: (db: Kysely<DB>, $: Param<P>) => Compilable<O>): CompiledStatement<P, O> => {
    const query = build(builder, ((name: string) => new Placeholder(name)) as Param<P>).compile()
    // Each parameter of the compiled SQL is either a named placeholder or a constant of the query.
    const slots = query.parameters.map((value) => (value instanceof Placeholder ? value : { constant: value }))
    const bind = (params: P): CompiledQuery<O> => ({
      ...query,
      parameters: slots.map((slot) => (slot instanceof Placeholder ? (params as Record<string, unknown>)[slot.name] : slot.constant)),
    })
    return {
      sql: query.sql,
      all: async (db, params) => (await db.executeQuery(bind(params))).rows,
      first: async (db, params) => (await db.executeQuery(bind(params))).rows[0],
      run: async (tx, params) => {
        const result = await tx.executeQuery(bind(params))
        return { changes: Number(result.numAffectedRows ?? 0), insertId: Number(result.insertId ?? 0) }
      },
    }
  }
}
