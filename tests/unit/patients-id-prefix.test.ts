import { afterAll, beforeAll, expect, test } from 'vitest'
import { idNumberCheckChar } from '../../src/shared/id-number'
import { insertPatientsVia } from '../../bench/patient-data'
import { planSearch } from '../../src/main/services/patients/search-plan'
import { searchQuery } from '../../src/main/services/patients/search'
import { forEachEngine } from '../helpers/engines'
import { countRows, selectRows } from '../helpers/engine-sql'
import { makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'

const id = (body17: string) => body17 + idNumberCheckChar(body17)

test('fewer than 6 digits, or a trailing X, is not read as an ID-number start', () => {
  const prefixBranches = (q: string) =>
    planSearch(q).filter((b) => b.kind === 'startsWith' && b.column === 'id_number')
  expect(prefixBranches('33010')).toEqual([])
  expect(prefixBranches('3301061985X')).toEqual([])
  expect(prefixBranches('330106')).toHaveLength(1)
  expect(prefixBranches(id('33010619850412002'))).toEqual([])
})

forEachEngine((engine) => {
  let host: TestHost
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    host = await makeTestHost()
    // The desk's patients among thousands of others, many of them from the same districts.
    await insertPatientsVia(host.database.units.db, 3000)
    const mine = [
      ['chen', '陈静', 'F', id('33010619850412002')],
      ['chen2', '陈明', 'M', id('33010619850412011')],
      ['lin', '林峰', 'M', id('33010619921130003')],
      ['phone', '何丽', 'F', null, '13301061234'],
    ] as const
    for (const [key, name, sex, idNumber, phone] of mine) {
      const p = await host.must(RECEPTION, 'patients.register', {
        name,
        sex,
        idNumber,
        phone: phone ?? null,
      })
      ids[key] = p.id
    }
  }, 60_000)
  afterAll(() => host.dispose())

  const search = async (q: string) =>
    (await host.must(RECEPTION, 'patients.search', { q })).map((h) => h.id)

  test('the first characters of an ID number find its holders, however many share the region', async () => {
    expect(await search('33010619850412')).toEqual([ids['chen2'], ids['chen']])
    expect(await search('33010619921130')).toEqual([ids['lin']])
    // A shorter start finds the generated patients of that year too, every one of them starting so.
    const year = await host.must(RECEPTION, 'patients.search', { q: '3301061992', limit: 50 })
    expect(year.map((h) => h.id)).toContain(ids['lin'])
    const numbers = await selectRows<{ id_number: string }>(
      host,
      `select id_number from patients where id in (${year.map((h) => h.id).join(',')})`,
    )
    expect(numbers.every((n) => n.id_number.startsWith('3301061992'))).toBe(true)
    expect(await search('330106198504120')).toEqual([ids['chen2'], ids['chen']])
    // The ID number stays masked in hits even when it was found by its start.
    const [hit] = await host.must(RECEPTION, 'patients.search', { q: '33010619921130' })
    expect(hit?.idNumberMasked).toMatch(/^3301\*+\d{3}[\dX]$/)
  })

  test('a region code alone answers at most the limit', async () => {
    expect(await countRows(host, 'patients', "id_number like '330106%'")).toBeGreaterThan(50)
    const hits = await host.must(RECEPTION, 'patients.search', { q: '330106', limit: 5 })
    expect(hits).toHaveLength(5)
  })

  // The plan is SQLite's own (EXPLAIN QUERY PLAN and its autoindex names); PostgreSQL's planner
  // chooses by its statistics and is not asserted here.
  test.runIf(engine === 'sqlite')(
    'a region code is answered from the unique index, with no scan or sort (SQLite query plan)',
    () => {
      const compiled = searchQuery(host.database.read, '330106', 10)!.compile()
      const plan = host.database.sqlite
        .prepare(`explain query plan ${compiled.sql}`)
        .all(...(compiled.parameters as unknown[])) as { detail: string }[]
      const details = plan.map((r) => r.detail)
      expect(details.filter((d) => /^SCAN (patients|p)\b/.test(d))).toEqual([])
      // The prefix branch walks the unique index in its order: no temporary sort for it.
      // Not covering since a merged (retired) record is filtered out: each hit also reads its row.
      expect(details).toContainEqual(
        expect.stringMatching(
          /^SEARCH patients USING (COVERING )?INDEX sqlite_autoindex_patients_1 \(id_number>\? AND id_number<\?\)$/,
        ),
      )
    },
  )

  test('a phone number start and an ID number start can both match the same digits', async () => {
    // 1330106… is the start of a mobile and could be the start of an ID number (region 133010…).
    expect(await search('1330106')).toEqual([ids['phone']])
  })
})
