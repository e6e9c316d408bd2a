import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { ClinicBridge } from '../../src/shared/bridge'
import { TEST_SECRET, TEST_USERS } from '../helpers/accounts'
import { startNodeClinic, TODAY, TOMORROW, type NodeClinic } from '../helpers/node-clinic'
import { installRendererGlobals } from '../helpers/renderer-in-node'
import { RECEPTION } from '../helpers/test-host'

// The reception desk's booking store, unchanged, in Node: a real host, real sockets, a relay
// that drops the link in the middle of a booking.
type Booking = typeof import('../../src/renderer/reception/stores/booking')
let clinic: NodeClinic
let bridge: ClinicBridge
let booking: Booking
let connection: typeof import('../../src/renderer/stores/connection').connection

beforeAll(async () => {
  clinic = await startNodeClinic()
  installRendererGlobals(clinic.proxy.address)
  ;({ bridge } = await import('../../src/renderer/api/bridge'))
  ;({ connection } = await import('../../src/renderer/stores/connection'))
  booking = await import('../../src/renderer/reception/stores/booking')
  const desk = await import('../../src/renderer/reception/stores/desk')
  const { reloadClinic } = await import('../../src/renderer/reception/stores/clinic')
  await bridge.call('auth.login', { username: TEST_USERS.reception, secret: TEST_SECRET })
  await reloadClinic()
  desk.selectDepartment(clinic.departmentId)
})
afterAll(async () => clinic?.stop())

const connected = () =>
  expect.poll(() => connection.getState().status, { timeout: 15_000 }).toBe('connected')

/** Holds the doctor's band at `start` on `date` through the store, as a click on the grid does. */
async function holdBand(date: string, start: string): Promise<void> {
  const slots = await bridge.call('slots.forDoctorDay', { doctorId: clinic.doctor.id, date })
  if (!slots.ok) throw new Error(slots.error.code)
  await booking.pickSlot(slots.value.find((s) => s.startTime === start)!)
  expect(booking.useBooking.getState().hold?.slot.startTime).toBe(start)
}

async function choose(q: string): Promise<void> {
  const hits = await bridge.call('patients.search', { q, limit: 10 })
  if (!hits.ok) throw new Error(hits.error.code)
  booking.choosePatient(hits.value[0]!)
}

const bookingsOf = async (date: string, patientId: number) =>
  (await clinic.host.must(RECEPTION, 'appointments.forDay', { date })).filter(
    (a) => a.patientId === patientId && a.status !== 'CANCELED',
  )

describe('booking store: a link that drops mid-booking', () => {
  test('the answer is lost: sent again after the reconnect with the same key, booked once, shown as booked', async () => {
    await holdBand(TOMORROW, '09:00')
    await choose('王芳')
    void clinic.proxy.cutNext('appointments.book', 'answer')
    const appointment = await booking.confirmBooking()
    expect(appointment).toMatchObject({ patientId: clinic.wang.id, startTime: '09:00' })
    expect(booking.useBooking.getState()).toMatchObject({
      submitting: false,
      error: null,
      booked: { id: appointment!.id },
    })
    expect(await bookingsOf(TOMORROW, clinic.wang.id)).toHaveLength(1)
    const slot = (
      await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
        doctorId: clinic.doctor.id,
        date: TOMORROW,
      })
    ).find((s) => s.startTime === '09:00')!
    expect(slot).toMatchObject({ booked: 1, held: 0 })
  })

  test('the request is lost before the host saw it: the retry books it, once', async () => {
    await holdBand(TOMORROW, '10:00')
    await choose('李明')
    void clinic.proxy.cutNext('appointments.book', 'request')
    const appointment = await booking.confirmBooking()
    expect(appointment).toMatchObject({ patientId: clinic.li.id, startTime: '10:00' })
    expect(await bookingsOf(TOMORROW, clinic.li.id)).toHaveLength(1)
  })

  test('the link stays down: the desk is told DISCONNECTED and can press again; once back, the same key books once', async () => {
    const day = '2026-03-04'
    await holdBand(day, '09:30')
    await choose('王芳')
    void clinic.proxy
      .cutNext('appointments.book', 'answer')
      .then(() => (clinic.proxy.refuse = true))
    let first
    try {
      first = await booking.confirmBooking()
    } finally {
      clinic.proxy.refuse = false
    }
    expect(first).toBeNull()
    expect(booking.useBooking.getState()).toMatchObject({
      submitting: false,
      error: { code: 'DISCONNECTED' },
      patient: { id: clinic.wang.id },
      hold: { slot: { startTime: '09:30' } },
    })
    // The host did book before the link died.
    expect(await bookingsOf(day, clinic.wang.id)).toHaveLength(1)
    await connected()
    const again = await booking.confirmBooking()
    expect(again).toMatchObject({ patientId: clinic.wang.id, startTime: '09:30' })
    expect(await bookingsOf(day, clinic.wang.id)).toHaveLength(1)
  }, 40_000)

  test('walk-in: the answer is lost; the retry shows the one walk-in the host made', async () => {
    booking.setMode('walkIn')
    await choose('李明')
    void clinic.proxy.cutNext('appointments.walkIn', 'answer')
    const appointment = await booking.confirmBooking()
    expect(appointment).toMatchObject({ patientId: clinic.li.id, source: 'WALK_IN', date: TODAY })
    expect(await bookingsOf(TODAY, clinic.li.id)).toHaveLength(1)
  })
})
