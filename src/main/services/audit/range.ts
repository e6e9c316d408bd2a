import { sql, type RawBuilder } from 'kysely'
import type { ReadDb } from '../../db/write'

/** Ids `lo <= id < end` of the audit rows inside a time range; empty when `lo >= end`. */
export interface IdRange {
  readonly lo: number
  readonly end: number
}

/** A bare date as the upper bound includes that whole day (any time of day sorts below "T99"). */
export const upperBound = (to: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T99` : to)

/**
 * The id range of the audit rows whose `at` lies in [from, to], found by bisecting the rowid.
 *
 * Why: migration 0006_lean_commit dropped the index on audit_log.at (one b-tree less to write at
 * every booking's COMMIT). Audit ids are given in commit order and db/audit-chain.ts never lets
 * `at` go backwards along them, so a time range is an id range, and each bisection probe is one
 * primary-key lookup: about 20 of them for a million rows instead of a scan.
 *
 * Ids need not be consecutive: a probe reads the first row at or above the probed id. The
 * comparisons run in SQL so they order strings exactly as the final query's `at` predicates do.
 * Rows written before that rule, if the clock ever jumped back, may break the order: around such
 * a jump the range can miss rows in [from, to] (the final query's `at` predicates still keep
 * rows outside it out).
 *
 * On PostgreSQL the order does not hold (2026-12-03, docs/POSTGRESQL.md): `at` only never goes
 * backwards along one audit lane (db/audit-chain.ts appendAuditPg), and lanes interleave, on one
 * host and across hosts whose clocks differ. A bisection there missed rows inside the range, so
 * PostgreSQL gets no id range (undefined) and the listing's `at` predicates alone decide.
 */
export async function auditIdRange(
  read: ReadDb,
  from: string | undefined,
  to: string | undefined,
): Promise<IdRange | undefined> {
  if (read.engine === 'postgres') return undefined
  // One aggregate each: SQLite answers a lone min() or max() of the rowid from the b-tree's edge.
  const first =
    (
      await read
        .selectFrom('audit_log')
        .select((eb) => eb.fn.min<number | null>('id').as('id'))
        .executeTakeFirst()
    )?.id ?? null
  const last =
    (
      await read
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max<number | null>('id').as('id'))
        .executeTakeFirst()
    )?.id ?? null
  if (first === null || last === null) return { lo: 0, end: 0 }
  const lo =
    from === undefined ? first : await firstIdFrom(read, first, last, sql<number>`at >= ${from}`)
  const end =
    to === undefined
      ? last + 1
      : await firstIdFrom(read, first, last, sql<number>`at > ${upperBound(to)}`)
  return { lo, end }
}

/**
 * The smallest id x in [min, max + 1] such that every row with id >= x satisfies `reached`, a
 * condition on `at` that, `at` never decreasing along ids, holds from some row on. Rows with ids
 * in [x, that row's id) do not exist, so x itself works as the bound.
 */
async function firstIdFrom(
  read: ReadDb,
  min: number,
  max: number,
  reached: RawBuilder<number>,
): Promise<number> {
  let lo = min
  let hi = max + 1
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2)
    const probe = await read
      .selectFrom('audit_log')
      .select(['id', reached.as('reached')])
      .where('id', '>=', mid)
      .orderBy('id', 'asc')
      .limit(1)
      .executeTakeFirst()
    // No row at or above mid cannot happen while mid <= max; treat it as reached to stay safe.
    if (!probe || probe.reached) hi = mid
    else lo = probe.id + 1
  }
  return lo
}
