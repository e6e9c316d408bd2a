import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ClinicBridge } from '../../src/shared/bridge'
import { TEST_SECRET, TEST_USERS } from '../helpers/accounts'
import { startNodeClinic, TOMORROW, type NodeClinic } from '../helpers/node-clinic'
import { installRendererGlobals } from '../helpers/renderer-in-node'
import { RECEPTION } from '../helpers/test-host'

// The renderer's own bridge (ws-client inside the sign-in gate), run in Node against a real
// host over real sockets through a relay that cuts the link on cue.
let clinic: NodeClinic
let bridge: ClinicBridge
let connection: typeof import('../../src/renderer/stores/connection').connection
let useSession: typeof import('../../src/renderer/api/session').useSession

beforeAll(async () => {
  clinic = await startNodeClinic()
  installRendererGlobals(clinic.proxy.address)
  ;({ bridge } = await import('../../src/renderer/api/bridge'))
  ;({ connection } = await import('../../src/renderer/stores/connection'))
  ;({ useSession } = await import('../../src/renderer/api/session'))
  const login = await bridge.call('auth.login', {
    username: TEST_USERS.reception,
    secret: TEST_SECRET,
  })
  expect(login).toMatchObject({ ok: true, value: { state: 'signed-in' } })
})
afterAll(async () => clinic?.stop())

const connected = () =>
  expect.poll(() => connection.getState().status, { timeout: 15_000 }).toBe('connected')

/** The call's outcome, or 'stranded' if it has not settled within 3 s. */
const within3s = <T>(call: Promise<T>): Promise<T | 'stranded'> =>
  Promise.race([call, new Promise<'stranded'>((r) => setTimeout(() => r('stranded'), 3000))])

const firstBand = async () =>
  (
    await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
      doctorId: clinic.doctor.id,
      date: TOMORROW,
    })
  )[0]!

describe('renderer transport: a dropped link never strands a call', () => {
  test('the answer is lost: the call settles at once as DISCONNECTED (sent); the page reconnects signed in', async () => {
    void clinic.proxy.cutNext('settings.get', 'answer')
    const result = await within3s(bridge.call('settings.get', {}))
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'DISCONNECTED', details: { sent: true } },
    })
    await connected()
    expect(useSession.getState().status?.state).toBe('signed-in')
    const again = await within3s(bridge.call('session.whoami', {}))
    expect(again).toMatchObject({ ok: true, value: { role: 'reception' } })
  })

  test('a call made while the host is unreachable waits, then settles as DISCONNECTED (never sent) and does nothing', async () => {
    const cut = clinic.proxy.cutNext('settings.get', 'request')
    void bridge.call('settings.get', {})
    await cut
    clinic.proxy.refuse = true
    let booking
    try {
      await expect.poll(() => connection.getState().status).toBe('reconnecting')
      const slot = await firstBand()
      booking = await within3s(
        bridge.call('appointments.book', {
          slotId: slot.id,
          patientId: clinic.wang.id,
          idempotencyKey: 'transport-unsent-1',
        }),
      )
    } finally {
      clinic.proxy.refuse = false
    }
    expect(booking).toMatchObject({
      ok: false,
      error: { code: 'DISCONNECTED', details: { sent: false } },
    })
    await connected()
    // Not sent then, and not later either: nothing queued survives its socket.
    const day = await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TOMORROW })
    expect(day).toHaveLength(0)
    expect(await bridge.call('session.whoami', {})).toMatchObject({ ok: true })
  })

  test('a link cut during the sign-in handshake keeps the tab signed in: the next socket resumes', async () => {
    const first = clinic.proxy.cutNext('settings.get', 'request')
    const resume = clinic.proxy.cutNext('auth.resume', 'answer')
    void bridge.call('settings.get', {})
    await first
    await resume
    await connected()
    expect(useSession.getState().status?.state).toBe('signed-in')
    expect(sessionStorage.getItem('clinicdesk.session')).toBeTruthy()
    const who = await within3s(bridge.call('session.whoami', {}))
    expect(who).toMatchObject({ ok: true, value: { role: 'reception' } })
  })
})
