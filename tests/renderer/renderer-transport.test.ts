import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ClinicBridge } from '../../src/shared/bridge'
import { TEST_SECRET, TEST_USERS } from '../helpers/accounts'
import { commitEvents } from '../helpers/commit-events'
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

describe('renderer transport: a link that dies without a close', () => {
  test('the page probes a silent link, gives it up (reconnecting, calls settle), and reconnects signed in once frames flow again', async () => {
    await connected()
    clinic.proxy.silent = true
    let result
    try {
      // Swallowed by the dead link: without the probe it would wait, and the badge say connected.
      const stranded = bridge.call('settings.get', {})
      await expect
        .poll(() => connection.getState().status, { timeout: 40_000, interval: 250 })
        .toBe('reconnecting')
      result = await within3s(stranded)
    } finally {
      clinic.proxy.silent = false
    }
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'DISCONNECTED', details: { sent: true } },
    })
    await expect.poll(() => connection.getState().status, { timeout: 40_000 }).toBe('connected')
    expect(useSession.getState().status?.state).toBe('signed-in')
    const who = await within3s(bridge.call('session.whoami', {}))
    expect(who).toMatchObject({ ok: true, value: { role: 'reception' } })
  })
})

describe('renderer transport: one push per commit', () => {
  test("a commit's events, arriving as one JSON-RPC batch, reach the page's listeners in commit order", async () => {
    await connected()
    const order: [string, number][] = []
    const offs = [
      // Subscribed in the opposite order to the commit's: the batch must not be regrouped by name.
      bridge.on('appointment.created', (m) => void order.push(['appointment.created', m.rev])),
      bridge.on('slots.changed', (m) => void order.push(['slots.changed', m.rev])),
    ]
    const doctorId = clinic.doctor.id
    await commitEvents(clinic.host, (emit) => {
      emit('appointment.created', { appointmentId: 91, doctorId, date: TOMORROW, source: 'PHONE' })
      emit('slots.changed', { doctorId, date: TOMORROW, slotIds: [1] })
      emit('appointment.created', { appointmentId: 92, doctorId, date: TOMORROW, source: 'PHONE' })
    })
    await expect.poll(() => order.length).toBe(3)
    for (const off of offs) off()
    expect(order.map(([name]) => name)).toEqual([
      'appointment.created',
      'slots.changed',
      'appointment.created',
    ])
    const revs = order.map(([, rev]) => rev)
    expect(revs).toEqual([revs[0], revs[0]! + 1, revs[0]! + 2])
  })
})
