import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ClinicBridge } from '../../src/shared/bridge'
import { ensureDoctorAccount, TEST_SECRET } from '../helpers/accounts'
import { startNodeClinic, TODAY, type NodeClinic } from '../helpers/node-clinic'
import { installRendererGlobals } from '../helpers/renderer-in-node'
import { RECEPTION } from '../helpers/test-host'

// The doctor's action and queue stores, unchanged, in Node: signed in as the doctor over real
// sockets through a relay that drops the link while an action is in flight.
let clinic: NodeClinic
let bridge: ClinicBridge
let actions: typeof import('../../src/renderer/doctor/stores/actions')
let queue: typeof import('../../src/renderer/doctor/stores/queue')
let connection: typeof import('../../src/renderer/stores/connection').connection

beforeAll(async () => {
  clinic = await startNodeClinic()
  for (const [patient, key] of [
    [clinic.wang, 'walk-in-wang'],
    [clinic.li, 'walk-in-li'],
  ] as const)
    await clinic.host.must(RECEPTION, 'appointments.walkIn', {
      scope: { doctorId: clinic.doctor.id },
      patientId: patient.id,
      idempotencyKey: key,
    })
  const username = await ensureDoctorAccount(clinic.host, clinic.doctor.id)
  installRendererGlobals(clinic.proxy.address, `doctor.html?doctor=${clinic.doctor.id}`)
  ;({ bridge } = await import('../../src/renderer/api/bridge'))
  ;({ connection } = await import('../../src/renderer/stores/connection'))
  actions = await import('../../src/renderer/doctor/stores/actions')
  queue = await import('../../src/renderer/doctor/stores/queue')
  await bridge.call('auth.login', { username, secret: TEST_SECRET })
  queue.startDoctorFeed()
})
afterAll(async () => clinic?.stop())

const hostQueue = () =>
  clinic.host.must(RECEPTION, 'queue.forDoctorDay', { doctorId: clinic.doctor.id, date: TODAY })

describe('doctor action store: a link that drops mid-action', () => {
  test('叫号 whose answer is lost: the buttons free at once with DISCONNECTED; once back the screen shows the one patient called', async () => {
    await expect.poll(() => queue.useDoctorQueue.getState().queue?.counts.waiting).toBe(2)
    await expect.poll(() => connection.getState().status).toBe('connected')
    void clinic.proxy.cutNext('queue.callNext', 'answer')
    const run = actions.runAction('callNext')
    await expect.poll(() => connection.getState().status).not.toBe('connected')
    // Settled as soon as the link dropped (not stuck busy until a reload).
    await expect.poll(() => actions.useDoctorActions.getState().error?.code).toBe('DISCONNECTED')
    await run
    expect(actions.useDoctorActions.getState().busy).toBeNull()

    await expect.poll(() => connection.getState().status, { timeout: 15_000 }).toBe('connected')
    await expect.poll(() => queue.useDoctorQueue.getState().queue?.current?.status).toBe('CALLED')
    const onHost = await hostQueue()
    expect(onHost.entries.filter((e) => e.status === 'CALLED')).toHaveLength(1)
    expect(queue.useDoctorQueue.getState().queue?.current?.id).toBe(onHost.current?.id)
    expect([...actions.enabledActions()]).toContain('start')
  })

  test('after the reconnect the next action goes through as usual', async () => {
    await actions.runAction('start')
    expect(actions.useDoctorActions.getState()).toMatchObject({ busy: null, error: null })
    expect((await hostQueue()).current?.status).toBe('IN_PROGRESS')
  })
})
