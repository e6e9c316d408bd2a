import type {
  CompiledQuery,
  Kysely,
  QueryCreator,
  QueryCreatorWithCommonTableExpression,
} from 'kysely'
import type { DB } from './schema'

declare const compiledRead: unique symbol

/**
 * A compiled SELECT, as db/compiled.ts makes them for `all` and `first`: the only finished SQL
 * the read handle takes, so `read.executeQuery(sql\`DELETE …\`)` does not type-check.
 */
export type CompiledRead<R> = CompiledQuery<R> & { readonly [compiledRead]: true }

/** What builds a read: SELECTs, and common table expressions in front of one. */
export interface ReadCreator<D> {
  readonly selectFrom: QueryCreator<D>['selectFrom']
  with<N extends string, E extends Parameters<QueryCreator<D>['with']>[1]>(
    name: N,
    expression: E,
  ): ReadCreator<
    QueryCreatorWithCommonTableExpression<D, N, E> extends QueryCreator<infer W> ? W : never
  >
}

/**
 * A handle that can only read: what services get outside the write helper. It has no
 * insertInto, updateTable, deleteFrom, transaction or raw SQL; underneath, the connection it runs
 * on refuses any statement that is not a read (db/handles.ts), and refuses it at once inside a
 * unit of work, which holds the one connection this handle would wait for.
 *
 * @example read.selectFrom('patients').select('name').where('id', '=', id).executeTakeFirst()
 */
export interface ReadDb extends ReadCreator<DB> {
  /** Set on PostgreSQL's handles: compiled queries (db/compiled.ts) then send PostgreSQL's SQL. */
  readonly engine?: 'postgres'
  readonly fn: Kysely<DB>['fn']
  /** Runs a compiled read (db/compiled.ts `all` and `first` call it). */
  executeQuery<R>(query: CompiledRead<R>): Promise<{ readonly rows: R[] }>
}
