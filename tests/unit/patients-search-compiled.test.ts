import { afterAll, beforeAll, expect, test } from 'vitest'
import { insertPatients, type SearchSample as Sample } from '../../bench/patient-data'
import { openDatabase, type OpenedDatabase } from '../../src/main/db/open'
import { toHit } from '../../src/main/services/patients/rows'
import {
  compiledShapeCount,
  searchPatients,
  searchQuery,
  shapeOf,
} from '../../src/main/services/patients/search'
import { planSearch } from '../../src/main/services/patients/search-plan'
import { tempDir } from '../helpers/temp-dir'

let dir: ReturnType<typeof tempDir>
let database: OpenedDatabase

let samples: Sample[]

beforeAll(() => {
  dir = tempDir()
  database = openDatabase(dir.file('clinic.sqlite'))
  // Realistic patients: common surnames repeat (so limits cut), compound and polyphonic ones, IDs ending in X.
  insertPatients(database.sqlite, 3000)
  samples = database.sqlite
    .prepare('select name, pinyin, initials, phone, id_number from patients where id % 50 = 0')
    .all() as Sample[]
})
afterAll(async () => {
  await database.close()
  dir.remove()
})

/** Every shape searched in this file, to compare with what the cache holds. */
const searchedShapes = new Set<string>()

/** The compiled search against a query kysely builds afresh from the same plan, with the plan's values. */
async function expectSameAsFresh(q: string, limit: number): Promise<number> {
  const branches = planSearch(q)
  if (branches.length > 0) searchedShapes.add(shapeOf(branches))
  const fresh = searchQuery(database.read, q, limit)
  const expected = fresh ? (await fresh.execute()).map(toHit) : []
  expect(await searchPatients(database.read, q, limit), `"${q}" limit ${limit}`).toEqual(expected)
  return expected.length
}

/** What a desk types, from a real patient: names, pinyin, initials, phones, ID numbers, whole or in part, and mixed up. */
function queriesFor(p: Sample): string[] {
  const queries = [
    p.name,
    p.name.slice(0, 1),
    p.name.slice(1),
    p.name.slice(-1),
    p.pinyin,
    p.pinyin.slice(0, 4),
    p.initials,
    p.initials.toUpperCase(),
  ]
  queries.push(
    `${p.name.slice(0, 1)} ${p.name.slice(1)}`,
    `${p.pinyin.slice(0, 3)} ${p.pinyin.slice(3)}`,
    `${p.name.slice(0, 1)}${p.pinyin.slice(-2)}`,
  )
  if (p.phone)
    queries.push(
      p.phone,
      p.phone.slice(-4),
      p.phone.slice(-7),
      p.phone.slice(0, 3),
      p.phone.slice(0, 7),
      `${p.phone.slice(0, 3)} ${p.phone.slice(3, 7)}-${p.phone.slice(7)}`,
    )
  if (p.id_number)
    queries.push(
      p.id_number,
      p.id_number.slice(-4),
      p.id_number.slice(-6),
      p.id_number.slice(-11),
      p.id_number.slice(-17),
      p.id_number.toLowerCase(),
    )
  return queries
}

test('the compiled search returns what a freshly built query returns, row for row, for every kind of query and limit', async () => {
  let withHits = 0
  let total = 0
  for (const sample of samples) {
    for (const q of queriesFor(sample)) {
      for (const limit of [1, 10, 50]) {
        total++
        if ((await expectSameAsFresh(q, limit)) > 0) withHits++
      }
    }
  }
  for (const q of [
    '诸葛亮',
    '99',
    '·',
    'x',
    '1',
    '12',
    '123',
    '1X',
    '12345678901234567X',
    'zhang wei',
    "xi'an",
    'lü',
    'Ａ',
    '王 芳 ',
  ]) {
    await expectSameAsFresh(q, 10)
  }
  // Most queries come from real patients, so they find someone: the comparison is not of empty lists.
  expect(withHits / total).toBeGreaterThan(0.9)
})

test('the cache holds one statement per shape, however many different strings are searched', async () => {
  let seed = 7
  const random = (n: number) => {
    seed = (seed * 48271) % 2147483647
    return seed % n
  }
  const from = (alphabet: string, length: number) =>
    Array.from({ length }, () => alphabet[random(alphabet.length)]).join('')
  for (let i = 0; i < 1500; i++) {
    const length = 1 + random(20)
    const q = [
      from('0123456789', length),
      `1${from('0123456789', length)}`,
      `${from('0123456789', length)}X`,
      from('abcdefghijklmnopqrstuvwxyz', length),
      from('王李张伟芳娜小红 ·', length),
      `${from('张王', 1)}${from('weifang', length)}`,
    ][i % 6]!
    if (q.trim()) await expectSameAsFresh(q, 10)
  }
  expect(compiledShapeCount()).toBe(searchedShapes.size)
  // What planSearch can make: 1 for pinyin, 2 for names, 12 for numbers (an ID-number start from 6 digits adds 3).
  expect(searchedShapes.size).toBeLessThanOrEqual(15)
})
