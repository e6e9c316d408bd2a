import { sql, type CompiledQuery } from 'kysely'
import type { PatientHit } from '../../../shared/contract'
import { compiled, type Param } from '../../db/compiled'
import type { ReadDb } from '../../db/write'
import { toHit } from './rows'
import { planSearch, type Branch } from './search-plan'

/** Sorts after every string that starts with the prefix (UTF-8 F4 8F BF BF, the last code point). */
const AFTER_PREFIX = '\u{10FFFF}'

/**
 * Every value of a search is a parameter, named by its branch's place in the plan: what the branch
 * looks for (`value0`), the end of a prefix's range (`upper0`), a tail's last 4 characters and its
 * start counted from the end (`last4_0`, `from0`), and the limit.
 */
type SearchParams = { limit: number } & Record<
  `value${number}` | `upper${number}` | `last4_${number}`,
  string
> &
  Record<`from${number}`, number>

/** Runs the search: the plan's values bound to the statement compiled once for its shape. */
export async function searchPatients(
  read: ReadDb,
  q: string,
  limit: number,
): Promise<PatientHit[]> {
  const branches = planSearch(q)
  if (branches.length === 0) return []
  return (await statementFor(branches).all(read, paramsOf(branches, limit))).map(toHit)
}

/**
 * The SQL text and parameters the host runs for `q`, taken from the very statement and binding
 * searchPatients uses: the benchmark runs them bare.
 */
export async function searchSql(q: string, limit: number): Promise<CompiledQuery | null> {
  const branches = planSearch(q)
  if (branches.length === 0) return null
  const seen: CompiledQuery[] = []
  const capture = {
    executeQuery: async <R>(query: CompiledQuery<R>) => {
      seen.push(query)
      return { rows: [] as R[] }
    },
  }
  await statementFor(branches).all(capture, paramsOf(branches, limit))
  return seen[0] ?? null
}

/** The search built afresh by kysely with the plan's own values, bypassing the compiled statements: the reference tests compare with. */
export function searchQuery(read: ReadDb, q: string, limit: number) {
  const branches = planSearch(q)
  if (branches.length === 0) return null
  const params = paramsOf(branches, limit)
  return buildSearch(read, branches, (name) => params[name])
}

/**
 * One compiled statement per shape of plan. The SQL depends only on the branches' kinds, columns
 * and tiers (and whether a tail gets its longer check), which planSearch draws from a short fixed
 * list: one shape for pinyin, two for names, a few for numbers (set by length, a trailing X and
 * a leading 1). The cap only guards against a future plan that would make shapes from the input.
 */
const MAX_SHAPES = 64
const shapes = new Map<string, ReturnType<typeof compileShape>>()

/** How many shapes are compiled; for tests. */
export const compiledShapeCount = (): number => shapes.size

function statementFor(branches: readonly Branch[]) {
  const key = shapeOf(branches)
  let statement = shapes.get(key)
  if (!statement) {
    if (shapes.size >= MAX_SHAPES) shapes.clear()
    statement = compileShape(branches)
    shapes.set(key, statement)
  }
  return statement
}

const compileShape = (branches: readonly Branch[]) =>
  compiled<SearchParams>()((db, $) => buildSearch(db, branches, $))

/** Everything of a plan that buildSearch writes into the SQL text (the rest are parameters). */
export function shapeOf(branches: readonly Branch[]): string {
  return branches
    .map((b) =>
      b.kind === 'nameContains'
        ? `contains:${b.tier}`
        : `${b.kind}:${b.column}:${b.tier}${isLongTail(b) ? ':long' : ''}`,
    )
    .join(' ')
}

const isLongTail = (branch: Branch): boolean =>
  branch.kind === 'endsWith' && branch.value.length > 4

/** The plan's values under the names buildSearch gives their parameters. */
function paramsOf(branches: readonly Branch[], limit: number): SearchParams {
  const params = { limit } as SearchParams
  branches.forEach((b, i) => {
    if (b.kind === 'nameContains') {
      params[`value${i}`] = b.phrase
      return
    }
    params[`value${i}`] = b.value
    if (b.kind === 'startsWith') params[`upper${i}`] = b.value + AFTER_PREFIX
    if (b.kind === 'endsWith') {
      params[`last4_${i}`] = b.value.slice(-4)
      params[`from${i}`] = -b.value.length
    }
  })
  return params
}

/**
 * The whole search as one statement: each branch of the plan takes its `limit` most recent ids
 * from an index, the union keeps each patient's best tier, and the rows come back best tier
 * first, then most recent (highest id) first.
 *
 * Taking `limit` per branch is enough: tiers nest (whole ⊂ start ⊂ anywhere), so when a lower
 * tier is needed at all, every better match is among fewer than `limit` rows of its branch.
 *
 * Reads only the plan's shape (see shapeOf); every value comes through `$`, as a placeholder of
 * the compiled statement or as the value itself for a fresh query.
 */
function buildSearch(db: ReadDb, branches: readonly Branch[], $: Param<SearchParams>) {
  const [first, ...rest] = branches.map((b, i) => branchIds(db, b, i, $))
  const union = rest.reduce((all, next) => all.unionAll(next), first!)
  return db
    .selectFrom(union.as('m'))
    .innerJoin('patients as p', 'p.id', 'm.id')
    .select([
      'p.id',
      'p.name',
      'p.sex',
      'p.birth_date',
      'p.phone',
      'p.id_number',
      (eb) => eb.fn.min('m.tier').as('tier'),
    ])
    .where('p.merged_into', 'is', null)
    .groupBy('m.id')
    .orderBy('tier')
    .orderBy('m.id', 'desc')
    .limit($('limit'))
}

/** One branch as `SELECT id, tier FROM (… ORDER BY id DESC LIMIT n)`: SQLite wants the limit inside a subquery in a union. */
function branchIds(db: ReadDb, branch: Branch, i: number, $: Param<SearchParams>) {
  const tier = sql.lit(branch.tier).as('tier')
  const value = $(`value${i}`)
  if (branch.kind === 'nameContains') {
    const ids = db
      .selectFrom('patients_name_chars')
      .select(sql<number>`rowid`.as('id'))
      .where(sql.ref('patients_name_chars'), 'match', value)
      .orderBy(sql`rowid`, 'desc')
      .limit($('limit'))
    return db.selectFrom(ids.as('b')).select(['b.id', tier])
  }
  const ids = db
    .selectFrom('patients')
    .select('id')
    // Records retired by patients.merge are skipped inside the branch, so they take no place in its limit.
    .where('merged_into', 'is', null)
    .where((eb) => {
      if (branch.kind === 'equals') return eb(branch.column, '=', value)
      if (branch.kind === 'startsWith')
        return eb.and([eb(branch.column, '>=', value), eb(branch.column, '<', $(`upper${i}`))])
      // The last 4 characters through their expression index (written exactly as in 0002 so that
      // SQLite matches it), then the rest of a longer tail checked on those few rows.
      const ref = sql.ref(branch.column)
      const last4 = eb(sql<string>`substr(${ref}, -4)`, '=', $(`last4_${i}`))
      return isLongTail(branch)
        ? eb.and([last4, eb(sql<string>`substr(${ref}, ${$(`from${i}`)})`, '=', value)])
        : last4
    })
    .orderBy(inIndexOrder(branch) ? branch.column : 'id', inIndexOrder(branch) ? 'asc' : 'desc')
    .limit($('limit'))
  return db.selectFrom(ids.as('b')).select(['b.id', tier])
}

/**
 * An ID-number start takes its rows in the unique index's own order, so it reads `limit` entries
 * and stops: a region code alone ("110105") can match most of a district's patients, and taking
 * the most recent of those would read and sort every one. The union still ranks what it got.
 */
const inIndexOrder = (branch: Branch): branch is Branch & { column: 'id_number' } =>
  branch.kind === 'startsWith' && branch.column === 'id_number'
