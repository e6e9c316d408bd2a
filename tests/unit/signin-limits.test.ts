import { afterEach, describe, expect, test } from 'vitest'
import { ConnectionSession } from '../../src/main/host/connection'
import { delayAfter } from '../../src/main/services/auth/limits'
import type { AuthStatus } from '../../src/shared/contract'
import type { Result } from '../../src/shared/errors'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, manualClock, type TestHost } from '../helpers/test-host'

let host: TestHost
afterEach(() => host?.dispose())

const DESK_SECRET = 'front-desk-2026'
const tokenOf = (r: Result<unknown>): string | undefined =>
  (r.ok && (r.value as AuthStatus).deviceToken) || undefined
const from = (address: string) => new ConnectionSession({ kind: 'socket', origin: address })

async function clinic() {
  const clock = manualClock('2026-03-02T01:00:00Z')
  host = await makeTestHost({ clock })
  const desk = await host.must(ADMIN, 'staff.create', {
    name: '前台',
    username: 'desk',
    role: 'reception',
    secret: DESK_SECRET,
  })
  const login = (c: ConnectionSession, secret: string, deviceToken?: string) =>
    host.dispatch(
      c.caller,
      'auth.login',
      { username: 'desk', secret, ...(deviceToken ? { deviceToken } : {}) },
      c,
    )
  const codeOf = async (p: ReturnType<typeof login>) => {
    const r = await p
    return r.ok ? 'ok' : r.error.code
  }
  return { clock, desk, login, codeOf }
}

const auditOutcomes = async (): Promise<string[]> =>
  (await host.database.read.selectFrom('audit_log').select('after').orderBy('id').execute()).map(
    (r) => String((JSON.parse(r.after ?? '{}') as { outcome?: string }).outcome),
  )

test('the delay grows with each wrong attempt past the free ones, up to 15 minutes', () => {
  expect([4, 5, 6, 7, 8, 9, 10, 11, 30].map((n) => delayAfter(n, 5) / 1000)).toEqual([
    0, 30, 60, 120, 240, 480, 900, 900, 900,
  ])
})

forEachEngine(() => {
  describe('sign-in limits', () => {
    test("a guesser on the LAN slows the account down, but never the desk's own computer", async () => {
      const { clock, desk, login, codeOf } = await clinic()
      const deskPc = from('192.168.1.10')
      const first = await login(deskPc, DESK_SECRET)
      const deviceToken = tokenOf(first)
      expect(deviceToken).toMatch(/^[\w-]{40,}$/)

      // Someone else on the LAN guesses the shared desk account's password.
      const guesser = from('192.168.1.66')
      const codes = []
      for (let i = 0; i < 5; i++) codes.push(await codeOf(login(guesser, `guess-${i}-guess`)))
      expect(codes).toEqual([
        'BAD_CREDENTIALS',
        'BAD_CREDENTIALS',
        'BAD_CREDENTIALS',
        'BAD_CREDENTIALS',
        'ACCOUNT_LOCKED',
      ])
      // While the delay runs, the guesser is refused unchecked, even with the right secret.
      expect(await login(guesser, DESK_SECRET)).toMatchObject({
        ok: false,
        error: { code: 'ACCOUNT_LOCKED', details: { secondsLeft: 30 } },
      })
      // The desk's own computer (it holds the device token) signs in at once, mid-morning.
      const again = await login(from('192.168.1.10'), DESK_SECRET, deviceToken)
      expect(again).toMatchObject({ ok: true, value: { state: 'signed-in', deviceToken: null } })
      // …which does not reset the guesser's count: the next wrong guess waits twice as long.
      clock.advance(30_001)
      expect(await login(guesser, 'guess-5-guess')).toMatchObject({
        error: { code: 'ACCOUNT_LOCKED', details: { secondsLeft: 60 } },
      })
      // A new computer with the right secret must wait too, or an admin lifts the delay.
      expect(await codeOf(login(from('192.168.1.20'), DESK_SECRET))).toBe('ACCOUNT_LOCKED')
      const limits = await host.must(ADMIN, 'staff.signinLimits', {})
      expect(limits).toContainEqual(
        expect.objectContaining({ key: `account:${desk.id}`, failures: 6, subject: 'desk' }),
      )
      await host.must(ADMIN, 'staff.clearSigninLimit', { key: `account:${desk.id}` })
      expect(await codeOf(login(from('192.168.1.20'), DESK_SECRET))).toBe('ok')
      expect(await auditOutcomes()).toContain('limit-cleared')
    })

    test('a device token counts only its own wrong attempts, and only for the account it signed in', async () => {
      const { clock, login, codeOf } = await clinic()
      await host.must(ADMIN, 'staff.create', {
        name: '王医生',
        username: 'wang',
        role: 'reception',
        secret: 'wang-secret-1',
      })
      const pc = from('10.0.0.5')
      const first = await login(pc, DESK_SECRET)
      const token = tokenOf(first)
      // Another account does not trust this device: a token is no key to every account.
      const other = await host.dispatch(
        pc.caller,
        'auth.login',
        { username: 'wang', secret: 'wang-secret-1', deviceToken: token },
        pc,
      )
      expect(other).toMatchObject({ ok: true, value: { deviceToken: expect.any(String) } })

      // Someone at the desk PC guessing with the token in hand is delayed like anyone else.
      const codes = []
      for (let i = 0; i < 6; i++) codes.push(await codeOf(login(pc, `wrong-${i}-pass`, token)))
      expect(codes.slice(0, 4).every((c) => c === 'BAD_CREDENTIALS')).toBe(true)
      expect(codes.slice(4)).toEqual(['RATE_LIMITED', 'RATE_LIMITED'])
      const [device] = (await host.must(ADMIN, 'staff.signinLimits', {})).filter(
        (l) => l.kind === 'device',
      )
      expect(device).toMatchObject({ subject: 'desk', failures: 5 })
      // The account itself was not touched: a fresh computer signs in with the right secret.
      expect(await codeOf(login(from('10.0.0.9'), DESK_SECRET))).toBe('ok')
      clock.advance(30_001)
      expect(await codeOf(login(pc, DESK_SECRET, token))).toBe('ok')
      expect(
        (await host.must(ADMIN, 'staff.signinLimits', {})).some((l) => l.kind === 'device'),
      ).toBe(false)
    })

    test('one computer trying many names is delayed, and forgets after a quiet hour', async () => {
      const { clock, login, codeOf } = await clinic()
      const guesser = from('10.0.0.66')
      const guess = (i: number) =>
        host.dispatch(
          guesser.caller,
          'auth.login',
          { username: `u${i}`, secret: 'guess-guess' },
          guesser,
        )
      const codes = []
      for (let i = 0; i < 11; i++) {
        const r = await guess(i)
        codes.push(r.ok ? 'ok' : r.error.code)
      }
      expect(codes.slice(0, 9).every((c) => c === 'BAD_CREDENTIALS')).toBe(true)
      expect(codes.slice(9)).toEqual(['RATE_LIMITED', 'RATE_LIMITED'])
      // Refused unchecked while delayed: nothing is written for it.
      const audits = (await auditOutcomes()).length
      expect(await codeOf(login(guesser, DESK_SECRET))).toBe('RATE_LIMITED')
      expect((await auditOutcomes()).length).toBe(audits)
      // Another computer is not affected at all.
      expect(await codeOf(login(from('10.0.0.7'), DESK_SECRET))).toBe('ok')

      const computer = (await host.must(ADMIN, 'staff.signinLimits', {})).find(
        (l) => l.kind === 'computer',
      )
      expect(computer).toMatchObject({ key: 'computer:10.0.0.66', failures: 10 })
      expect(computer?.delayedUntil).toBe('2026-03-02T01:00:30.000Z')
      clock.advance(61 * 60_000)
      expect(await host.must(ADMIN, 'staff.signinLimits', {})).toEqual([])
      expect(await codeOf(guess(99))).toBe('BAD_CREDENTIALS')
    })

    test('clearing a limit that is not there is NOT_FOUND and writes nothing', async () => {
      await clinic()
      const audits = (await auditOutcomes()).length
      for (const key of ['account:1', 'computer:10.9.9.9', 'device:7'])
        expect(await host.call(ADMIN, 'staff.clearSigninLimit', { key })).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND', field: 'key' },
        })
      expect(await host.call(ADMIN, 'staff.clearSigninLimit', { key: 'x:1' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'key' },
      })
      expect((await auditOutcomes()).length).toBe(audits)
    })
  })
})
