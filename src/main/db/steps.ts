import type { CompiledStatement } from './compiled'
import { onPgTx } from './compiled'
import type { UnitContext, WriteContext } from './write'

/**
 * One statement of a unit written once for both engines: the booking path (services/appointments)
 * yields its compiled statements, and a driver runs them, synchronously on SQLite's own
 * connection (`…In`: the fast path and group commit stay as they were) or awaited on
 * PostgreSQL's transaction (`…OnPg`). The rules between the statements exist once.
 */
export interface Step {
  sync(w: Pick<UnitContext, 'statements'>): unknown
  pg(w: Pick<WriteContext, 'tx'>): Promise<unknown>
}

/** A unit's statements and the logic between them; its value is the unit's answer. */
export type Steps<T> = Generator<Step, T, unknown>

/** The first row, if any. Use as `const row = yield* first(statement, params)`. */
export function* first<P, O>(s: CompiledStatement<P, O>, params: P): Steps<O | undefined> {
  return (yield { sync: (w) => s.firstIn(w, params), pg: (w) => s.firstOnPg(w, params) }) as
    O | undefined
}

/** All rows. */
export function* all<P, O>(s: CompiledStatement<P, O>, params: P): Steps<O[]> {
  return (yield { sync: (w) => s.allIn(w, params), pg: (w) => s.allOnPg(w, params) }) as O[]
}

/** How many rows a write changed. */
export function* run<P, O>(s: CompiledStatement<P, O>, params: P): Steps<{ changes: number }> {
  return (yield { sync: (w) => s.runIn(w, params), pg: (w) => s.runOnPg(w, params) }) as {
    changes: number
  }
}

/** Runs steps synchronously on SQLite (a runSync unit, or an async one on SQLite). */
export function runSteps<T>(w: Pick<UnitContext, 'statements'>, steps: Steps<T>): T {
  let next = steps.next()
  while (!next.done) {
    let value: unknown
    try {
      value = next.value.sync(w)
    } catch (error) {
      // Into the generator, so its own try/finally (if any) runs, as with a plain function.
      next = steps.throw(error)
      continue
    }
    next = steps.next(value)
  }
  return next.value
}

/** Runs steps in an async unit of either engine: awaited on PostgreSQL, synchronously on SQLite. */
export async function stepsIn<T>(w: WriteContext, steps: Steps<T>): Promise<T> {
  if (!onPgTx(w.tx)) return runSteps(w, steps)
  let next = steps.next()
  while (!next.done) {
    let value: unknown
    try {
      value = await next.value.pg(w)
    } catch (error) {
      next = steps.throw(error)
      continue
    }
    next = steps.next(value)
  }
  return next.value
}
