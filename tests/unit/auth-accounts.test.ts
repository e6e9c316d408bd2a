import { afterEach, describe, expect, test } from 'vitest'
import { ConnectionSession } from '../../src/main/host/connection'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, manualClock, type TestHost } from '../helpers/test-host'

let host: TestHost
afterEach(() => host?.dispose())

const socket = () => new ConnectionSession({ kind: 'socket', origin: '10.0.0.9' })

forEachEngine(() => {
  describe('accounts and sign-in', () => {
    test('first-run setup creates the first admin once; sign-in binds the user to that connection only', async () => {
      host = await makeTestHost()
      const guest = socket().caller
      expect((await host.must(guest, 'setup.status', {})).needed).toBe(true)
      const init = {
        clinicName: '仁心诊所',
        timeZone: 'Asia/Shanghai',
        openingHours: { opens: '08:00', closes: '17:30' },
        admin: { name: '管理员', username: 'boss', secret: 'correct horse' },
      }
      await host.must(guest, 'setup.init', init)
      expect(await host.call(guest, 'setup.init', init)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
      const status = await host.must(guest, 'setup.status', {})
      expect(status).toMatchObject({
        needed: false,
        clinicName: '仁心诊所',
        openingHours: { opens: '08:00', closes: '17:30' },
      })

      const a = socket()
      const b = socket()
      const dispatch = (c: ConnectionSession, method: string, params: unknown) =>
        host.dispatch(c.caller, method, params, c)
      expect(await dispatch(a, 'staff.list', {})).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      })
      // Sign-in is not case-sensitive: what is typed is lower-cased.
      const signedIn = await dispatch(a, 'auth.login', {
        username: 'Boss',
        secret: 'correct horse',
      })
      expect(signedIn).toMatchObject({
        ok: true,
        value: { state: 'signed-in', role: 'admin', user: { username: 'boss' } },
      })
      expect(await dispatch(a, 'staff.list', {})).toMatchObject({ ok: true })
      expect(await dispatch(b, 'staff.list', {})).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      })

      // Idle lock: nothing but unlock works until the secret is given again.
      await dispatch(a, 'auth.lock', {})
      expect(await dispatch(a, 'staff.list', {})).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      })
      expect(await dispatch(a, 'auth.status', {})).toMatchObject({
        ok: true,
        value: { state: 'locked', user: { username: 'boss' } },
      })
      expect(await dispatch(a, 'auth.unlock', { secret: 'wrong one!' })).toMatchObject({
        ok: false,
        error: { code: 'BAD_CREDENTIALS' },
      })
      expect(await dispatch(a, 'auth.unlock', { secret: 'correct horse' })).toMatchObject({
        ok: true,
        value: { state: 'signed-in' },
      })
      expect(await dispatch(a, 'staff.list', {})).toMatchObject({ ok: true })
    })

    test('5 wrong secrets delay the account 30 s, each further one twice as long; the wait ends by itself', async () => {
      const clock = manualClock('2026-03-02T01:00:00Z')
      host = await makeTestHost({ clock })
      await host.must(ADMIN, 'staff.create', {
        name: '王芳',
        username: 'wangfang',
        role: 'reception',
        secret: '246810',
      })
      const c = socket()
      const login = (secret: string) =>
        host.dispatch(c.caller, 'auth.login', { username: 'wangfang', secret }, c)
      for (let i = 1; i <= 4; i++)
        expect(await login('135790')).toMatchObject({
          ok: false,
          error: { code: 'BAD_CREDENTIALS' },
        })
      expect(await login('135790')).toMatchObject({
        ok: false,
        error: { code: 'ACCOUNT_LOCKED', details: { minutesLeft: 1, secondsLeft: 30 } },
      })
      // Even the right PIN is refused unchecked while the delay runs (from a computer new to it).
      expect(await login('246810')).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } })
      clock.advance(30_001)
      expect(await login('135790')).toMatchObject({
        ok: false,
        error: { code: 'ACCOUNT_LOCKED', details: { secondsLeft: 60 } },
      })
      clock.advance(59_000)
      expect(await login('246810')).toMatchObject({
        ok: false,
        error: { code: 'ACCOUNT_LOCKED', details: { secondsLeft: 1 } },
      })
      clock.advance(1_001)
      expect(await login('246810')).toMatchObject({ ok: true, value: { role: 'reception' } })
      const [account] = await host.must(ADMIN, 'staff.list', {})
      expect(account).toMatchObject({ failedAttempts: 0, lockedUntil: null })
    })

    test('an admin unlocks a locked account; an unknown user name takes as long and says the same', async () => {
      host = await makeTestHost()
      const account = await host.must(ADMIN, 'staff.create', {
        name: '李医生',
        username: 'li',
        role: 'reception',
        secret: 'secret-pass',
      })
      const c = socket()
      for (let i = 0; i < 5; i++)
        await host.dispatch(c.caller, 'auth.login', { username: 'li', secret: 'nope-nope' }, c)
      expect((await host.must(ADMIN, 'staff.list', {}))[0]?.lockedUntil).not.toBeNull()
      await host.must(ADMIN, 'staff.unlock', { id: account.id })
      expect(
        await host.dispatch(c.caller, 'auth.login', { username: 'li', secret: 'secret-pass' }, c),
      ).toMatchObject({ ok: true })
      expect(
        await host.call(c.caller, 'auth.login', { username: 'nobody', secret: 'secret-pass' }),
      ).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } })
    })

    test('secrets: a password of 8+ characters or a 6-digit PIN (an admin: a password of 10+); hashes are salted per user', async () => {
      host = await makeTestHost()
      for (const secret of ['1234567', 'short', '12345678', '12345']) {
        expect(
          await host.call(ADMIN, 'staff.create', {
            name: '甲',
            username: 'jia',
            role: 'reception',
            secret,
          }),
        ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'secret' } })
      }
      await host.must(ADMIN, 'staff.create', {
        name: '甲',
        username: 'jia',
        role: 'reception',
        secret: '305928',
      })
      await host.must(ADMIN, 'staff.create', {
        name: '乙',
        username: 'yi',
        role: 'admin',
        secret: 'yi-runs-the-clinic',
      })
      const rows = await host.database.read
        .selectFrom('staff')
        .select('secret_hash')
        .orderBy('id')
        .execute()
      expect(rows[0]?.secret_hash).not.toEqual(rows[1]?.secret_hash)
      expect(rows[0]?.secret_hash).toMatch(/^scrypt\$32768\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/)
      expect(
        await host.call(ADMIN, 'staff.create', {
          name: '丙',
          username: 'bing',
          role: 'doctor',
          secret: '305928',
        }),
      ).toMatchObject({ ok: false, error: { field: 'doctorId' } })
    })

    test('user names: the documented pattern as sent, not a silently lower-cased or trimmed copy', async () => {
      host = await makeTestHost()
      const staffRows = () =>
        host.database.read.selectFrom('staff').select('username').orderBy('id').execute()
      const before = await staffRows()
      for (const username of [
        'Upper.Case',
        'DESK',
        ' desk',
        'desk ',
        'd',
        'x'.repeat(33),
        'wang fang',
      ])
        expect(
          await host.call(ADMIN, 'staff.create', {
            name: '甲',
            username,
            role: 'reception',
            secret: '472913',
          }),
          username,
        ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'username' } })
      expect(await staffRows()).toEqual(before)
      const made = await host.must(ADMIN, 'staff.create', {
        name: '甲',
        username: 'upper.case_2-x',
        role: 'reception',
        secret: '472913',
      })
      expect(made.username).toBe('upper.case_2-x')
    })

    test('the last active admin cannot be deactivated; deactivating a user signs them out everywhere', async () => {
      host = await makeTestHost()
      const boss = await host.must(ADMIN, 'staff.create', {
        name: '甲',
        username: 'boss',
        role: 'admin',
        secret: 'boss-pass-1',
      })
      expect(await host.call(ADMIN, 'staff.update', { id: boss.id, active: false })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
      const desk = await host.must(ADMIN, 'staff.create', {
        name: '乙',
        username: 'desk',
        role: 'reception',
        secret: '305928',
      })
      const c = socket()
      const status = await host.dispatch(
        c.caller,
        'auth.login',
        { username: 'desk', secret: '305928' },
        c,
      )
      const token = status.ok ? (status.value as { resumeToken: string }).resumeToken : ''
      expect(token).toMatch(/^[\w-]{40,}$/)
      await host.must(ADMIN, 'staff.update', { id: desk.id, active: false })
      const again = socket()
      expect(await host.dispatch(again.caller, 'auth.resume', { token }, again)).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      })
    })

    test('the clinic can be set up only at the host: a LAN browser is refused', async () => {
      host = await makeTestHost()
      const lan = new ConnectionSession({ kind: 'socket', origin: '192.168.1.20' })
      const init = {
        clinicName: '仁心诊所',
        timeZone: 'Asia/Shanghai',
        openingHours: { opens: '08:00', closes: '17:30' },
        admin: { name: '外人', username: 'intruder', secret: 'not-a-guest-9' },
      }
      expect(await host.dispatch(lan.caller, 'setup.init', init, lan)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
      expect((await host.must(lan.caller, 'setup.status', {})).needed).toBe(true)
      const local = new ConnectionSession({ kind: 'socket', origin: '127.0.0.1' })
      expect(
        await host.dispatch(
          local.caller,
          'setup.init',
          { ...init, timeZone: 'Mars/Olympus' },
          local,
        ),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'timeZone' } })
      expect(await host.dispatch(local.caller, 'setup.init', init, local)).toMatchObject({
        ok: true,
      })
    })
  })
})
