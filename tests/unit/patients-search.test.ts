import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { MethodInput } from '../../src/shared/contract'
import { planSearch } from '../../src/main/services/patients/search-plan'
import { DISPLAY, doctorCaller, makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'
import { forEachEngine } from '../helpers/engines'

let host: TestHost
const ids: Record<string, number> = {}

// Registered in this order: a higher id is a more recent patient.
const PATIENTS: (MethodInput<'patients.register'> & { key: string })[] = [
  {
    key: 'zhangwei-old',
    name: '张伟',
    sex: 'M',
    phone: '13800001111',
    idNumber: '110101199003071233',
  },
  { key: 'zhangweiming', name: '张伟明', sex: 'M', phone: '13912345678' },
  { key: 'wangfang', name: '王芳', sex: 'F', phone: '13700001234', idNumber: '11010519491231002X' },
  { key: 'lina', name: '李娜', sex: 'F', phone: '15800005678' },
  { key: 'shanxiaohong', name: '单小红', sex: 'F', phone: '13600002222' },
  { key: 'zengguofan', name: '曾国藩', sex: 'M' },
  { key: 'zhaowei', name: '赵伟', sex: 'M', phone: '18600001234' },
  { key: 'ouyang', name: '欧阳娜娜', sex: 'F' },
  { key: 'zhangwei-new', name: '张伟', sex: 'M', phone: '13800003333', acceptDuplicate: true },
  { key: 'lvbu', name: '吕布', sex: 'M' },
]

beforeAll(async () => {
  host = await makeTestHost()
  for (const { key, ...patient } of PATIENTS)
    ids[key] = (await host.must(RECEPTION, 'patients.register', patient)).id
})
afterAll(() => host.dispose())

const search = async (q: string, limit?: number) =>
  (await host.must(RECEPTION, 'patients.search', { q, ...(limit ? { limit } : {}) })).map(
    (hit) => PATIENTS.find((p) => ids[p.key] === hit.id)?.key,
  )

forEachEngine(() => {
  describe('patients.search', () => {
    test.each<[string, string, (string | undefined)[]]>([
      [
        'initials (赵伟 is zw too)',
        'zw',
        ['zhangwei-new', 'zhaowei', 'zhangwei-old', 'zhangweiming'],
      ],
      ['full pinyin', 'zhangwei', ['zhangwei-new', 'zhangwei-old', 'zhangweiming']],
      [
        'pinyin with a space and capitals',
        'Zhang Wei',
        ['zhangwei-new', 'zhangwei-old', 'zhangweiming'],
      ],
      ['pinyin prefix, as it is typed', 'zhangw', ['zhangwei-new', 'zhangweiming', 'zhangwei-old']],
      ['polyphonic surname 单 as shan', 'shanxiaohong', ['shanxiaohong']],
      ['polyphonic surname 单 by initials', 'sxh', ['shanxiaohong']],
      ['polyphonic surname 曾 as zeng', 'zeng', ['zengguofan']],
      ['ü typed as v', 'lvbu', ['lvbu']],
      ['compound surname', 'ouyang', ['ouyang']],
      [
        'exact name before longer names, most recent first',
        '张伟',
        ['zhangwei-new', 'zhangwei-old', 'zhangweiming'],
      ],
      [
        'a stray space in a Chinese name',
        '张 伟',
        ['zhangwei-new', 'zhangwei-old', 'zhangweiming'],
      ],
      ['name prefix', '张', ['zhangwei-new', 'zhangweiming', 'zhangwei-old']],
      ['name substring', '伟', ['zhangwei-new', 'zhaowei', 'zhangweiming', 'zhangwei-old']],
      ['two-character substring', '小红', ['shanxiaohong']],
      ['substring of a four-character name', '娜娜', ['ouyang']],
      ['full phone', '13912345678', ['zhangweiming']],
      ['last 4 of phones and ID numbers, most recent first', '1234', ['zhaowei', 'wangfang']],
      ['last 4 ending in X', '002x', ['wangfang']],
      ['last 6 of an ID number', '31002X', ['wangfang']],
      ['full ID number', '11010519491231002X', ['wangfang']],
      ['phone read from its start', '1380000', ['zhangwei-new', 'zhangwei-old']],
      ['phone with spaces', '138 0000 1111', ['zhangwei-old']],
      ['nobody', '诸葛亮', []],
      ['digits that fit nothing', '99', []],
      ['punctuation only', '·', []],
    ])('%s: %s', async (_what, q, expected) => {
      expect(await search(q)).toEqual(expected)
    })

    test('exact beats prefix beats substring even when the weaker match is more recent', async () => {
      const newest = await host.must(RECEPTION, 'patients.register', { name: '小张伟', sex: 'M' })
      try {
        expect(
          (await host.must(RECEPTION, 'patients.search', { q: '张伟' })).map((h) => h.id),
        ).toEqual([ids['zhangwei-new'], ids['zhangwei-old'], ids['zhangweiming'], newest.id])
      } finally {
        host.database.sqlite.prepare('delete from patients where id = ?').run(newest.id)
      }
    })

    test('the limit is kept, best first', async () => {
      expect(await search('zw', 2)).toEqual(['zhangwei-new', 'zhaowei'])
    })

    test('a hit shows the ID number masked', async () => {
      const [hit] = await host.must(RECEPTION, 'patients.search', { q: '王芳' })
      expect(hit).toEqual({
        id: ids['wangfang'],
        name: '王芳',
        sex: 'F',
        birthDate: '1949-12-31',
        phone: '13700001234',
        idNumberMasked: '1101**********002X',
      })
    })

    test('a renamed patient is found by the new name only', async () => {
      const id = ids['lina']!
      const { createdAt: _createdAt, ...lina } = await host.must(RECEPTION, 'patients.get', { id })
      await host.must(RECEPTION, 'patients.update', { ...lina, name: '李丽娜' })
      try {
        expect(await search('丽娜')).toEqual(['lina'])
        expect(await search('lln')).toEqual(['lina'])
        expect(await search('ln')).toEqual([])
      } finally {
        await host.must(RECEPTION, 'patients.update', { ...lina })
      }
      expect(await search('ln')).toEqual(['lina'])
    })

    test('doctors and the display cannot search patients', async () => {
      for (const caller of [DISPLAY, doctorCaller(1)]) {
        const result = await host.call(caller, 'patients.search', { q: 'zw' })
        expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN')
      }
    })

    test('an empty or overlong query is INVALID_INPUT', async () => {
      for (const q of ['   ', 'x'.repeat(41)]) {
        const result = await host.call(RECEPTION, 'patients.search', { q })
        expect(result.ok ? 'ok' : result.error).toMatchObject({ code: 'INVALID_INPUT', field: 'q' })
      }
    })
  })

  describe('every search is answered from indexes', () => {
    test.each([
      'zw',
      'zhangwei',
      '张伟',
      '伟',
      '1234',
      '11010519491231002X',
      '13800001111',
      '138000',
      '31002X',
      '110105',
      '1101051949',
    ])('%s', async (q) => {
      const { searchQuery } = await import('../../src/main/services/patients/search')
      const compiled = searchQuery(host.database.read, q, 10)!.compile()
      const plan = host.database.sqlite
        .prepare(`explain query plan ${compiled.sql}`)
        .all(...(compiled.parameters as unknown[])) as { detail: string }[]
      // A full scan of patients reads as "SCAN p" / "SCAN patients"; index use reads "SEARCH … USING INDEX".
      const scans = plan.map((row) => row.detail).filter((d) => /^SCAN (patients|p)\b/.test(d))
      expect(scans).toEqual([])
      expect(planSearch(q).length).toBeGreaterThan(0)
    })
  })
})
