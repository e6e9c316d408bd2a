import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PATIENTS } from '../../src/main/services/demo/data'
import { forEachEngine } from '../helpers/engines'
import { makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'

forEachEngine(() => {
  describe('the demo patients', () => {
    let host: TestHost
    beforeAll(async () => void (host = await makeTestHost({ demo: true })))
    afterAll(() => host.dispose())

    test('every demo patient is registered through patients.register with its ID number', async () => {
      const names = DEMO_PATIENTS.map((p) => p.name)
      expect(names).toEqual(expect.arrayContaining(['张伟', '王芳', '李娜', '单小红']))
      for (const patient of DEMO_PATIENTS) {
        const [hit] = await host.must(RECEPTION, 'patients.search', { q: patient.idNumber })
        expect(hit).toMatchObject({
          name: patient.name,
          sex: patient.sex,
          birthDate: patient.birthDate,
          phone: patient.phone,
        })
      }
    })

    test.each([
      ['zw', '张伟'],
      ['zhangwei', '张伟'],
      ['sxh', '单小红'],
      ['shanxiaohong', '单小红'],
      ['zengzhiqiang', '曾志强'],
      ['oynn', '欧阳娜娜'],
      ['4567', '张伟'],
    ])('the demo desk finds %s → %s', async (q, name) => {
      expect((await host.must(RECEPTION, 'patients.search', { q }))[0]?.name).toBe(name)
    })
  })
})
