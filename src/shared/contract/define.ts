import type { z } from 'zod'
import type { Audience, Role } from '../roles'

/** One method of the contract: declared once, used by both transports, the docs and the tests. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly summary: string
  /** Strict (unknown keys rejected) and capped in size. */
  readonly input: I
  readonly result: O
  readonly roles: readonly Role[]
  /**
   * Callable before anyone signs in (by a GUEST caller as well as by every role): login, first-run
   * setup, status. Everything else needs a signed-in caller whose role is in `roles`.
   */
  readonly public?: true
  /**
   * Whose the call's target is: a doctor caller may act only on their own doctor's (their own
   * queue, slots, appointments); admin and reception on any. The host checks it after the input
   * is valid and before the service runs, answering FORBIDDEN.
   */
  readonly owner?: Owner<z.output<I>>
}

/** Rows whose owning doctor the host can look up from an id (src/main/host/ownership.ts). */
export const OWNED_ROWS = ['appointment', 'slot'] as const
export type OwnedRow = (typeof OWNED_ROWS)[number]

/** The input's fields that hold a number (an id); any field name while the input is not known. */
type IdField<P> = P extends object
  ? { [K in keyof P]-?: NonNullable<P[K]> extends number ? K : never }[keyof P] & string
  : string

/**
 * `{ field: 'doctorId' }`: the input names the doctor. `{ field: 'id', via: 'appointment' }`: it
 * names an appointment, and the owner is that appointment's doctor (looked up by the host; when
 * there is no such row the service answers NOT_FOUND as usual).
 */
export interface Owner<P = unknown> {
  readonly field: IdField<P>
  readonly via?: OwnedRow
}

/** One event: published by the host after a commit. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly summary: string
  readonly payload: P
  readonly roles: readonly Role[]
  /**
   * Further narrowing per caller, e.g. a doctor receives only events about their own doctor.
   * Runs on the host before anything is sent, once per audience (role and doctor) and commit.
   */
  readonly visibleTo?: (caller: Audience, payload: z.infer<P>) => boolean
}

export const method = <I extends z.ZodType, O extends z.ZodType>(
  spec: MethodSpec<I, O>,
): MethodSpec<I, O> => spec
export const event = <P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> => spec

/** The intersection of a tuple of tables: `[A, B, C]` → `A & B & C`. */
export type MergedTables<T extends readonly unknown[]> = T extends readonly [
  infer Head,
  ...infer Rest,
]
  ? Head & MergedTables<Rest>
  : unknown

/**
 * Merges feature tables into one, refusing a name declared twice. The type follows the same
 * list of tables as the value, so a table added to one cannot be missing from the other.
 * Called at module load, so a duplicate stops the host at start.
 */
export function mergeTables<const T extends readonly Record<string, unknown>[]>(
  ...tables: T
): MergedTables<T> {
  const out: Record<string, unknown> = {}
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table)) {
      if (name in out) throw new Error(`Contract: "${name}" is declared twice`)
      out[name] = spec
    }
  }
  return out as MergedTables<T>
}
