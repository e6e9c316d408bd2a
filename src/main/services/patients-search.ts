import { sql } from 'kysely'
import type { PatientHit } from '../../shared/contract'
import type { ReadDb } from '../db/write'
import { toHit } from './patients-rows'
import { planSearch, type Branch } from './patients-search-plan'

/** Sorts after every string that starts with the prefix (UTF-8 F4 8F BF BF, the last code point). */
const AFTER_PREFIX = '\u{10FFFF}'

/**
 * The whole search as one statement: each branch of the plan takes its `limit` most recent ids
 * from an index, the union keeps each patient's best tier, and the rows come back best tier
 * first, then most recent (highest id) first.
 *
 * Taking `limit` per branch is enough: tiers nest (whole ⊂ start ⊂ anywhere), so when a lower
 * tier is needed at all, every better match is among fewer than `limit` rows of its branch.
 * Exported so the benchmark can run the very same SQL bare.
 */
export function searchQuery(read: ReadDb, q: string, limit: number) {
  const branches = planSearch(q)
  if (branches.length === 0) return null
  const [first, ...rest] = branches.map((b) => branchIds(read, b, limit))
  const union = rest.reduce((all, next) => all.unionAll(next), first!)
  return read
    .selectFrom(union.as('m'))
    .innerJoin('patients as p', 'p.id', 'm.id')
    .select(['p.id', 'p.name', 'p.sex', 'p.birth_date', 'p.phone', 'p.id_number', (eb) => eb.fn.min('m.tier').as('tier')])
    .groupBy('m.id')
    .orderBy('tier')
    .orderBy('m.id', 'desc')
    .limit(limit)
}

/** Runs the search; see searchQuery. */
export async function searchPatients(read: ReadDb, q: string, limit: number): Promise<PatientHit[]> {
  const query = searchQuery(read, q, limit)
  return query ? (await query.execute()).map(toHit) : []
}

/** One branch as `SELECT id, tier FROM (… ORDER BY id DESC LIMIT n)`: SQLite wants the limit inside a subquery in a union. */
function branchIds(read: ReadDb, branch: Branch, limit: number) {
  const tier = sql.lit(branch.tier).as('tier')
  if (branch.kind === 'nameContains') {
    const ids = read
      .selectFrom('patients_name_chars')
      .select(sql<number>`rowid`.as('id'))
      .where(sql.ref('patients_name_chars'), 'match', branch.phrase)
      .orderBy(sql`rowid`, 'desc')
      .limit(limit)
    return read.selectFrom(ids.as('b')).select(['b.id', tier])
  }
  const ids = read
    .selectFrom('patients')
    .select('id')
    .where((eb) => {
      if (branch.kind === 'equals') return eb(branch.column, '=', branch.value)
      if (branch.kind === 'startsWith') return eb.and([eb(branch.column, '>=', branch.value), eb(branch.column, '<', branch.value + AFTER_PREFIX)])
      // The last 4 characters through their expression index (written exactly as in 0002 so that
      // SQLite matches it), then the rest of a longer tail checked on those few rows.
      const ref = sql.ref(branch.column)
      const tail = branch.value
      const last4 = eb(sql<string>`substr(${ref}, -4)`, '=', tail.slice(-4))
      return tail.length > 4 ? eb.and([last4, eb(sql<string>`substr(${ref}, ${-tail.length})`, '=', tail)]) : last4
    })
    .orderBy('id', 'desc')
    .limit(limit)
  return read.selectFrom(ids.as('b')).select(['b.id', tier])
}
