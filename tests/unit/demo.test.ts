import { afterEach, describe, expect, test } from 'vitest'
import { seedDemoClinic } from '../../src/main/services/demo'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'

let host: TestHost | undefined
afterEach(() => host?.dispose())

forEachEngine(() => {
  describe('the demo clinic', () => {
    test('--demo loads departments, doctors with Chinese names and rooms, their weekly sessions, and a few patients', async () => {
      host = await makeTestHost({ demo: true })
      const directory = await host.must(RECEPTION, 'directory.get', {})
      expect(directory.departments.map((d) => d.name)).toEqual(['内科', '外科', '儿科', '口腔科'])
      expect(directory.doctors.map((d) => d.name)).toContain('王建国')
      expect(directory.doctors.every((d) => d.roomId !== null)).toBe(true)
      const doctor = directory.doctors[0]!
      expect((await host.must(ADMIN, 'templates.list', { doctorId: doctor.id })).length).toBe(12)
      expect(
        (await host.must(RECEPTION, 'patients.search', { q: 'zs' })).map((p) => p.name),
      ).toContain('张三')
    })

    test('a database that already has a clinic is left alone', async () => {
      host = await makeTestHost()
      await host.must(ADMIN, 'departments.create', { name: '眼科' })
      expect(await seedDemoClinic(host.client)).toBe(false)
      expect((await host.must(ADMIN, 'directory.get', {})).departments.map((d) => d.name)).toEqual([
        '眼科',
      ])
    })
  })
})
