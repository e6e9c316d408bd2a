// The audit screen's text filters (actor, patient name, action prefix) match alike on both engines:
// Latin letters regardless of case (SQLite's LIKE; ILIKE on PostgreSQL), wildcards literally.
import { afterEach, expect, test } from 'vitest'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, type TestHost } from '../helpers/test-host'

let host: TestHost | undefined
afterEach(async () => host?.dispose())

forEachEngine(() => {
  test('actor, patient and action filters ignore Latin case and take % and _ literally', async () => {
    host = await makeTestHost()
    const desk = { role: 'reception' as const, label: 'Front-Desk_2' }
    const patient = await host.must(desk, 'patients.register', {
      name: 'Maria Lopez',
      sex: 'F',
      phone: '13800000001',
    })
    await host.must(ADMIN, 'departments.create', { name: '内科' })
    const actions = async (filter: object) =>
      (await host!.must(ADMIN, 'audit.list', { limit: 50, ...filter })).rows.map((r) => r.action)

    expect(await actions({ actor: 'front-DESK' })).toEqual(['patients.register'])
    expect(await actions({ actor: 'desk_2' })).toEqual(['patients.register'])
    expect(await actions({ actor: 'Desk%2' })).toEqual([]) // % is a character here, not "anything"
    expect(await actions({ actor: 'Desk-2' })).toEqual([]) // _ matches only itself
    expect(await actions({ patient: 'maria' })).toEqual(['patients.register'])
    expect(await actions({ patient: String(patient.id) })).toEqual(['patients.register'])
    expect(await actions({ action: 'PATIENTS.' })).toEqual(['patients.register'])
  })
})
