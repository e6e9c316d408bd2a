import { afterEach, expect, test } from 'vitest'
import type { PublishedEvent } from '../../src/main/host/event-bus'
import { canReceive } from '../../src/shared/visibility'
import { maskName } from '../../src/shared/mask'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, DISPLAY, doctorCaller, RECEPTION } from '../helpers/test-host'
import { forEachEngine } from '../helpers/engines'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

/** Books and checks in n patients of doctor 0 in the 08:00 and 08:30 bands, in order. */
async function arrived(c: Clinic, n: number): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < n; i++) {
    const slot = await slotAt(c.host, c.doctorIds[0]!, TODAY, i < 3 ? '08:00' : '08:30')
    const a = await c.host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: c.patientIds[i]!,
      idempotencyKey: key(),
    })
    await c.host.must(RECEPTION, 'appointments.checkIn', { id: a.id })
    ids.push(a.id)
  }
  return ids
}

forEachEngine(() => {
  test('call next → start → complete, with the call on the display masked and the queue in call order', async () => {
    clinic = await makeClinic({ patients: 4 })
    const { host, doctorIds } = clinic
    const doc = doctorCaller(doctorIds[0]!)
    const ids = await arrived(clinic, 3)
    const events: PublishedEvent[] = []
    host.bus.subscribe((e) => events.push(e))
    clinic.clock.advance(7 * 60_000)
    const first = await host.must(doc, 'queue.callNext', { doctorId: doctorIds[0]! })
    expect(first).toMatchObject({ id: ids[0], status: 'CALLED', position: null })
    const call = events.find((e) => e.event === 'display.call')
    expect(call?.payload).toMatchObject({
      doctorId: doctorIds[0],
      queueNo: 1,
      maskedName: maskName(first.patientName),
      roomName: '1诊室',
    })
    expect(await host.call(doc, 'queue.callNext', { doctorId: doctorIds[0]! })).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION' },
    })
    const day = await host.must(doc, 'queue.forDoctorDay', { doctorId: doctorIds[0]!, date: TODAY })
    expect(day.current?.id).toBe(ids[0])
    expect(day.entries.map((e) => [e.id, e.position, e.waitingMinutes])).toEqual([
      [ids[0], null, null],
      [ids[1], 1, 7],
      [ids[2], 2, 7],
    ])
    expect(day.counts).toEqual({ waiting: 2, notArrived: 0, seen: 0, noShow: 0 })
    expect(await host.call(doc, 'queue.complete', { id: ids[0]! })).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', details: { from: 'CALLED', to: 'COMPLETED' } },
    })
    await host.must(doc, 'queue.recall', { id: ids[0]! })
    expect(events.filter((e) => e.event === 'display.call')).toHaveLength(2)
    await host.must(doc, 'queue.start', { id: ids[0]! })
    const done = await host.must(doc, 'queue.complete', { id: ids[0]! })
    expect(done).toMatchObject({ status: 'COMPLETED' })
    expect(
      (await host.must(doc, 'queue.forDoctorDay', { doctorId: doctorIds[0]!, date: TODAY })).counts,
    ).toEqual({ waiting: 2, notArrived: 0, seen: 1, noShow: 0 })
  })

  test('skip sends the called patient back skipBackPlaces places, and NO_SHOW at skipLimit skips', async () => {
    clinic = await makeClinic({ patients: 5 })
    const { host, doctorIds } = clinic
    await host.must(ADMIN, 'settings.update', { skipBackPlaces: 2, skipLimit: 2 })
    const doc = doctorCaller(doctorIds[0]!)
    const ids = await arrived(clinic, 5)
    await host.must(doc, 'queue.callNext', { doctorId: doctorIds[0]! })
    const skipped = await host.must(doc, 'queue.skip', { id: ids[0]! })
    expect(skipped).toMatchObject({ status: 'SKIPPED', skipCount: 1, position: 3 })
    const order = (
      await host.must(doc, 'queue.forDoctorDay', { doctorId: doctorIds[0]!, date: TODAY })
    ).entries
      .filter((e) => e.position !== null)
      .map((e) => e.id)
    expect(order).toEqual([ids[1], ids[2], ids[0], ids[3], ids[4]])
    await host.must(doc, 'queue.callNext', { doctorId: doctorIds[0]! })
    await host.must(doc, 'queue.start', { id: ids[1]! })
    await host.must(doc, 'queue.complete', { id: ids[1]! })
    await host.must(doc, 'queue.callNext', { doctorId: doctorIds[0]! })
    await host.must(doc, 'queue.start', { id: ids[2]! })
    await host.must(doc, 'queue.complete', { id: ids[2]! })
    expect(await host.must(doc, 'queue.callNext', { doctorId: doctorIds[0]! })).toMatchObject({
      id: ids[0],
      status: 'CALLED',
    })
    expect(await host.must(doc, 'queue.skip', { id: ids[0]! })).toMatchObject({
      status: 'NO_SHOW',
      skipCount: 2,
    })
  })

  test('no-show, closing a session, and a doctor kept to their own queue', async () => {
    clinic = await makeClinic({ doctors: 2, patients: 3 })
    const { host, doctorIds, patientIds } = clinic
    const slot = await slotAt(host, doctorIds[0]!, TODAY, '11:00')
    const booked = await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    const other = doctorCaller(doctorIds[1]!)
    expect(
      await host.call(other, 'queue.forDoctorDay', { doctorId: doctorIds[0]!, date: TODAY }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await host.call(other, 'queue.noShow', { id: booked.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await host.call(other, 'appointments.get', { id: booked.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(
      canReceive(other, 'appointment.created', {
        appointmentId: booked.id,
        doctorId: doctorIds[0]!,
        date: TODAY,
        source: 'PHONE',
      }),
    ).toBe(false)
    const second = await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: patientIds[1]!,
      idempotencyKey: key(),
    })
    expect(await host.must(RECEPTION, 'queue.noShow', { id: second.id })).toMatchObject({
      status: 'NO_SHOW',
    })
    expect(
      await host.must(doctorCaller(doctorIds[0]!), 'queue.closeSession', {
        doctorId: doctorIds[0]!,
        date: TODAY,
      }),
    ).toEqual({ noShows: 1 })
    expect(await host.must(RECEPTION, 'appointments.get', { id: booked.id })).toMatchObject({
      status: 'NO_SHOW',
    })
    expect(
      await host.call(ADMIN, 'queue.closeSession', { doctorId: doctorIds[0]!, date: '2026-12-05' }),
    ).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } })
    // A no-show does not give the place back: the booked count still equals the places used.
    expect((await slotAt(host, doctorIds[0]!, TODAY, '11:00')).booked).toBe(2)
  })

  test('the waiting-room board shows the called patient and the next few, masked, and nothing else', async () => {
    clinic = await makeClinic({ patients: 4 })
    const { host, doctorIds } = clinic
    const ids = await arrived(clinic, 4)
    await host.must(ADMIN, 'queue.callNext', { doctorId: doctorIds[0]! })
    const board = await host.must(DISPLAY, 'display.board', { nextCount: 2 })
    const names = await Promise.all(
      ids.map(async (id) => (await host.must(RECEPTION, 'appointments.get', { id })).patientName),
    )
    expect(board).toEqual({
      date: TODAY,
      rooms: [
        {
          doctorId: doctorIds[0],
          doctorName: '医生1',
          roomName: '1诊室',
          calling: { queueNo: 1, maskedName: maskName(names[0]!) },
          next: [
            { queueNo: 2, maskedName: maskName(names[1]!) },
            { queueNo: 3, maskedName: maskName(names[2]!) },
          ],
        },
      ],
    })
    expect(JSON.stringify(board)).not.toContain(names[1]!)
    expect(
      await host.call(DISPLAY, 'queue.forDoctorDay', { doctorId: doctorIds[0]!, date: TODAY }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  test('maskName keeps the first and last characters', () => {
    expect([
      maskName('张三'),
      maskName('张小三'),
      maskName('欧阳小明'),
      maskName('李'),
      maskName('𠀀𠀁𠀂'),
    ]).toEqual(['张*', '张*三', '欧**明', '*', '𠀀*𠀂'])
  })
})
