import { sql, type CompiledQuery } from 'kysely'
import type { PatientHit } from '../../../shared/contract'
import { compiled, type Param } from '../../db/compiled'
import { dialectOf, inByteRange, lastChars, type Dialect } from '../../db/dialect'
import type { ReadDb } from '../../db/write'
import { toHit } from './rows'
import { planSearch, type Branch } from './search-plan'

/** Sorts after every string that starts with the prefix (UTF-8 F4 8F BF BF, the last code point). */
const AFTER_PREFIX = '\u{10FFFF}'

/**
 * Every value of a search is a parameter, named by its branch's place in the plan: what the branch
 * looks for (`value0`), the end of a prefix's range (`upper0`), a tail's last 4 characters and its
 * length (`last4_0`, `length0`), a name's characters as a LIKE pattern (`chars0`), and the limit.
 */
type SearchParams = { limit: number } & Record<
  `value${number}` | `upper${number}` | `last4_${number}` | `chars${number}`,
  string
> &
  Record<`length${number}`, number>

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
  return buildSearch(read, branches, (name) => params[name], dialectOf(read))
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
  compiled<SearchParams>()((db, $, dialect) => buildSearch(db, branches, $, dialect))

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
      params[`chars${i}`] = `%${phraseChars(b.phrase)}%`
      return
    }
    params[`value${i}`] = b.value
    if (b.kind === 'startsWith') params[`upper${i}`] = b.value + AFTER_PREFIX
    if (b.kind === 'endsWith') {
      params[`last4_${i}`] = b.value.slice(-4)
      params[`length${i}`] = b.value.length
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
function buildSearch(
  db: ReadDb,
  branches: readonly Branch[],
  $: Param<SearchParams>,
  dialect: Dialect,
) {
  const [first, ...rest] = branches.map((b, i) => branchIds(db, b, i, $, dialect))
  const union = rest.reduce((all, next) => all.unionAll(next), first!)
  return (
    db
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
      // By p.id, not m.id (the same value): PostgreSQL takes p's other columns only under p's own key.
      .groupBy('p.id')
      .orderBy('tier')
      .orderBy('p.id', 'desc')
      .limit($('limit'))
  )
}

/** One branch as `SELECT id, tier FROM (… ORDER BY id DESC LIMIT n)`: SQLite wants the limit inside a subquery in a union. */
function branchIds(
  db: ReadDb,
  branch: Branch,
  i: number,
  $: Param<SearchParams>,
  dialect: Dialect,
) {
  const tier = sql.lit(branch.tier).as('tier')
  const value = $(`value${i}`)
  if (branch.kind === 'nameContains') {
    const ids = nameContainsIds(db, dialect, value, $(`chars${i}`), $('limit'))
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
        return inByteRange(dialect, branch.column, value, $(`upper${i}`))
      // The last 4 characters through their expression index (written exactly as in 0002 so that
      // each engine matches it), then the rest of a longer tail checked on those few rows.
      const last4 = eb(lastChars(dialect, branch.column, 4), '=', $(`last4_${i}`))
      return isLongTail(branch)
        ? eb.and([
            last4,
            eb(lastChars(dialect, branch.column, sql.val($(`length${i}`))), '=', value),
          ])
        : last4
    })
    .orderBy(
      inIndexOrder(branch) ? inByteOrder(dialect, branch.column) : sql`${sql.ref('id')} desc`,
    )
    .limit($('limit'))
  return db.selectFrom(ids.as('b')).select(['b.id', tier])
}

/**
 * Patients whose name holds the phrase's characters in a row, most recent first. SQLite asks its
 * FTS5 index of one-character tokens (0002). PostgreSQL has no such index: it walks patients
 * newest first and compares the name as FTS5 tokenizes it (letters and digits only, lower case)
 * with LIKE; a one- or two-character substring, the usual case, is too short for a trigram index
 * anyway, and a common one is found within the first rows of the walk. Unlike the other
 * branches, merged records are dropped only after it (FTS5 does not know them), on both engines.
 */
function nameContainsIds(
  db: ReadDb,
  dialect: Dialect,
  phrase: string,
  chars: string,
  limit: number,
) {
  if (dialect === 'postgres')
    return db
      .selectFrom('patients')
      .select('id')
      .where(sql<string>`lower(regexp_replace(name, '[^[:alnum:]]', '', 'g'))`, 'like', chars)
      .orderBy('id', 'desc')
      .limit(limit)
  return db
    .selectFrom('patients_name_chars')
    .select(sql<number>`rowid`.as('id'))
    .where(sql.ref('patients_name_chars'), 'match', phrase)
    .orderBy(sql`rowid`, 'desc')
    .limit(limit)
}

/** An FTS5 phrase (`"小 红"`) as the characters it matches in a row, lower case as FTS5 folds them. */
const phraseChars = (phrase: string): string => phrase.replace(/[" ]/g, '').toLowerCase()

/**
 * A column in SQLite's BINARY order; on PostgreSQL its byte order (~<~), which the column's
 * text_pattern_ops index (0002) returns without a sort, whatever the database's collation.
 */
const inByteOrder = (dialect: Dialect, column: string) =>
  dialect === 'postgres' ? sql`${sql.ref(column)} using ~<~` : sql`${sql.ref(column)} asc`

/**
 * An ID-number start takes its rows in the unique index's own order, so it reads `limit` entries
 * and stops: a region code alone ("110105") can match most of a district's patients, and taking
 * the most recent of those would read and sort every one. The union still ranks what it got.
 */
const inIndexOrder = (branch: Branch): branch is Branch & { column: 'id_number' } =>
  branch.kind === 'startsWith' && branch.column === 'id_number'
