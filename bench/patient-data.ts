import type { Database } from 'better-sqlite3'
import type { Kysely, Selectable } from 'kysely'
import type { DB } from '../src/main/db/schema'
import type { PatientsTable } from '../src/main/db/schema-patients'
import { idNumberCheckChar } from '../src/shared/id-number'
import { nameSearchKeys, type NameSearchKeys } from '../src/main/services/patients/search-keys'

/** The columns a desk searches by, read from a generated patient to build the queries a desk would type. */
export type SearchSample = Pick<
  Selectable<PatientsTable>,
  'name' | 'pinyin' | 'initials' | 'phone' | 'id_number'
>

/** One generated patient, as the patients table stores it. */
export interface PatientRow {
  name: string
  sex: 'M' | 'F'
  birth_date: string
  phone: string | null
  id_number: string | null
  note: string
  pinyin: string
  initials: string
  created_at: string
  updated_at: string
}

/**
 * Realistic people, deterministic for a given seed. Surnames follow their real frequency (王 李 张
 * ≈ 7 % each, so searching them is as hard as at a real desk) and include polyphonic and compound
 * ones; names repeat as they do; every ID number has a right check character; most patients have a
 * mobile and an ID number. Reusable by any generator that needs patients.
 */
export function* patientRows(count: number, seed = 20261128): Generator<PatientRow> {
  const random = mulberry32(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const surnames = weightedSurnames()
  const keys = new Map<string, NameSearchKeys>()
  const usedIds = new Set<string>()
  const start = Date.UTC(2020, 0, 1)
  for (let i = 0; i < count; i++) {
    const sex = random() < 0.5 ? 'M' : 'F'
    const given = sex === 'M' ? MALE_GIVEN : FEMALE_GIVEN
    const name = pick(surnames) + pick(given) + (random() < 0.7 ? pick(given) : '')
    let nameKeys = keys.get(name)
    if (!nameKeys) keys.set(name, (nameKeys = nameSearchKeys(name)))
    const birth = new Date(Date.UTC(1935, 0, 1) + Math.floor(random() * 90 * 365.25) * 86_400_000)
    const birthDate = birth.toISOString().slice(0, 10)
    const phone =
      random() < 0.95
        ? `1${pick(['3', '5', '7', '8', '9'])}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`
        : null
    let idNumber: string | null = null
    if (random() < 0.85) {
      do {
        const sequence = Math.floor(random() * 500) * 2 + (sex === 'M' ? 1 : 0)
        const body = `${pick(REGIONS)}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`
        idNumber = body + idNumberCheckChar(body)
      } while (usedIds.has(idNumber))
      usedIds.add(idNumber)
    }
    const at = new Date(start + i * 60_000).toISOString()
    yield {
      name,
      sex,
      birth_date: birthDate,
      phone,
      id_number: idNumber,
      note: '',
      pinyin: nameKeys.pinyin,
      initials: nameKeys.initials,
      created_at: at,
      updated_at: at,
    }
  }
}

/** Fills SQLite's patients table with patientRows, fast (one transaction, raw statements), for benchmarks. */
export function insertPatients(sqlite: Database, count: number, seed = 20261128): void {
  const insert = sqlite.prepare(
    `INSERT INTO patients (name, sex, birth_date, phone, id_number, note, pinyin, initials, created_at, updated_at)
     VALUES (@name, @sex, @birth_date, @phone, @id_number, @note, @pinyin, @initials, @created_at, @updated_at)`,
  )
  sqlite.transaction(() => {
    for (const row of patientRows(count, seed)) insert.run(row)
  })()
}

/** The same patients through a kysely handle, on either engine (PostgreSQL has no SQLite connection). */
export async function insertPatientsVia(
  db: Kysely<DB>,
  count: number,
  seed = 20261128,
): Promise<void> {
  const rows = [...patientRows(count, seed)]
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 500)
      await tx
        .insertInto('patients')
        .values(rows.slice(i, i + 500))
        .execute()
  })
}

/** Surnames repeated by their rough share per thousand (the rest spread over many rarer ones). */
function weightedSurnames(): string[] {
  const out: string[] = []
  for (const [surname, perThousand] of COMMON_SURNAMES)
    for (let i = 0; i < perThousand; i++) out.push(surname)
  for (const surname of RARER_SURNAMES) for (let i = 0; i < 3; i++) out.push(surname)
  return out
}

const COMMON_SURNAMES: readonly [string, number][] = [
  ['王', 71],
  ['李', 70],
  ['张', 67],
  ['刘', 54],
  ['陈', 45],
  ['杨', 31],
  ['黄', 22],
  ['赵', 21],
  ['吴', 20],
  ['周', 19],
  ['徐', 16],
  ['孙', 15],
  ['马', 15],
  ['朱', 14],
  ['胡', 13],
  ['郭', 12],
  ['何', 12],
  ['高', 11],
  ['林', 11],
  ['罗', 10],
]
const RARER_SURNAMES = [
  ...'郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解仇区查朴乐',
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
]
const MALE_GIVEN = [
  ...'伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国志文博天晨东海亮成宏',
]
const FEMALE_GIVEN = [
  ...'芳娜敏静丽艳娟霞秀英玲桂兰婷雪慧红梅琳晶颖倩洁莉萍燕琴云佳欣怡悦彤妍璐露蕾薇月小',
]
const REGIONS = [
  '110101',
  '110105',
  '310115',
  '440304',
  '440106',
  '510107',
  '330106',
  '420102',
  '320102',
  '610113',
  '370102',
  '500103',
]

/** A small fast seeded generator: the same seed gives the same patients. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
