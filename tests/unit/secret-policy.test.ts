import { afterEach, expect, test } from 'vitest'
import { secretProblem } from '../../src/shared/contract/secret-policy'
import { countRows } from '../helpers/engine-sql'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, type TestHost } from '../helpers/test-host'

let host: TestHost | undefined
afterEach(() => host?.dispose())

test.each([
  ['123456', 'trivial'],
  ['654321', 'trivial'],
  ['111111', 'trivial'],
  ['121212', 'trivial'],
  ['123123', 'trivial'],
  ['789012', 'trivial'],
  ['112233', 'trivial'],
  ['123321', 'trivial'],
  ['abcdefgh', 'trivial'],
  ['aaaaaaaa', 'trivial'],
  ['Password1', 'trivial'],
  ['qwertyuiop', 'trivial'],
  ['12345678', 'shape'],
  ['short', 'shape'],
  ['1234567', 'shape'],
  ['desk', 'shape'],
  ['desk2026', 'username'],
  ['!!desk!!', 'username'],
  ['ksed1234', 'username'],
  ['Desk-2026!', 'username'],
])('%s is refused for a desk account: %s', (secret, problem) => {
  expect(secretProblem(secret, { username: 'desk', role: 'reception' })).toBe(problem)
})

test.each(['246810', '305928', 'desk-at-night', 'front-desk-2026', 'correct horse'])(
  '%s may be a desk secret',
  (secret) => expect(secretProblem(secret, { username: 'desk', role: 'reception' })).toBeNull(),
)

test('an admin needs a password of at least 10 characters, never a PIN', () => {
  const admin = { username: 'boss', role: 'admin' }
  expect(secretProblem('305928', admin)).toBe('adminPassword')
  expect(secretProblem('nine-char', admin)).toBe('adminPassword')
  expect(secretProblem('ten-chars!', admin)).toBeNull()
  expect(secretProblem('demo-clinic', { username: 'admin', role: 'admin' })).toBeNull()
})

forEachEngine(() => {
  test('every way to set a secret applies the policy, and a refusal writes nothing', async () => {
    const h = (host = await makeTestHost())
    const count = (): Promise<number> => countRows(h, 'audit_log')
    const desk = await host.must(ADMIN, 'staff.create', {
      name: '前台',
      username: 'desk',
      role: 'reception',
      secret: '305928',
    })
    const before = await count()
    const refused = { ok: false, error: { code: 'INVALID_INPUT', field: 'secret' } }
    expect(
      await host.call(ADMIN, 'staff.create', {
        name: '老板',
        username: 'boss',
        role: 'admin',
        secret: '305928',
      }),
    ).toMatchObject(refused)
    expect(
      await host.call(ADMIN, 'staff.create', {
        name: '乙',
        username: 'yi',
        role: 'reception',
        secret: 'yi-likes-tea',
      }),
    ).toMatchObject({ ok: true })
    const afterCreate = await count()
    expect(
      await host.call(ADMIN, 'staff.resetSecret', { id: desk.id, secret: 'desk2026' }),
    ).toMatchObject({ ...refused, error: { ...refused.error, details: { problem: 'username' } } })
    // Making the desk account an admin needs an admin password in the same step.
    expect(await host.call(ADMIN, 'staff.update', { id: desk.id, role: 'admin' })).toMatchObject(
      refused,
    )
    expect(
      await host.call(ADMIN, 'staff.update', { id: desk.id, role: 'admin', secret: '864209' }),
    ).toMatchObject(refused)
    expect(await count()).toBe(afterCreate)
    expect(afterCreate).toBe(before + 1)
    expect(
      await host.call(ADMIN, 'staff.update', {
        id: desk.id,
        role: 'admin',
        secret: 'the-new-head-desk',
      }),
    ).toMatchObject({ ok: true, value: { role: 'admin', secretKind: 'password' } })
    expect(
      await host.call(ADMIN, 'setup.init', {
        clinicName: '诊所',
        timeZone: 'Asia/Shanghai',
        openingHours: { opens: '08:00', closes: '17:00' },
        admin: { name: '甲', username: 'jia', secret: 'jia-pass1' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'admin.secret' } })
  })
})
