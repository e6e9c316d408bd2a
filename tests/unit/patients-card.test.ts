import { afterEach, expect, test } from 'vitest'
import type { EventMessage } from '../../src/shared/contract'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, DISPLAY, doctorCaller, RECEPTION } from '../helpers/test-host'
import { forEachEngine } from '../helpers/engines'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

const book = async (doctor: number, date: string, time: string, patientId: number) =>
  clinic.host.must(RECEPTION, 'appointments.book', {
    slotId: (await slotAt(clinic.host, clinic.doctorIds[doctor]!, date, time)).id,
    patientId,
    idempotencyKey: key(),
  })

forEachEngine(() => {
  test('the card sorts the whole history, live and archived, into upcoming, visits, cancellations and no-shows', async () => {
    clinic = await makeClinic({ doctors: 2, patients: 2 })
    const { host, patientIds } = clinic
    const me = patientIds[0]!
    const completed = await book(0, TODAY, '08:30', me)
    await host.must(RECEPTION, 'appointments.checkIn', { id: completed.id })
    await host.must(ADMIN, 'queue.callNext', { doctorId: clinic.doctorIds[0]! })
    await host.must(ADMIN, 'queue.start', { id: completed.id })
    await host.must(ADMIN, 'queue.complete', { id: completed.id })
    const canceled = await book(1, TODAY, '09:00', me)
    await host.must(RECEPTION, 'appointments.cancel', { id: canceled.id, reason: '出差' })
    const noShow = await book(0, '2026-12-01', '09:00', me)
    const neverClosed = await book(1, '2026-12-01', '10:00', me)
    const later = await book(0, '2026-12-05', '11:00', me)
    const sooner = await book(0, '2026-12-03', '08:00', me)
    await book(0, '2026-12-03', '08:00', patientIds[1]!) // someone else's: not on this card

    clinic.clock.set('2026-12-01T03:00:00Z') // 11:00 on the 1st: the 09:00 patient never came
    await host.must(RECEPTION, 'queue.noShow', { id: noShow.id })
    clinic.clock.set('2026-12-02T01:00:00Z')
    await host.must(ADMIN, 'settings.update', { archiveAfterDays: 1 })
    expect(await host.must(ADMIN, 'appointments.archive', {})).toEqual({ archived: 2 })

    const card = await host.must(RECEPTION, 'patients.card', { id: me })
    const lines = (list: typeof card.upcoming) => list.map((a) => [a.id, a.status, a.archived])
    expect(card.patient).toEqual(await host.must(RECEPTION, 'patients.get', { id: me }))
    expect(card.today).toBe('2026-12-02')
    expect(lines(card.upcoming)).toEqual([
      [sooner.id, 'CONFIRMED', false],
      [later.id, 'CONFIRMED', false],
    ])
    expect(lines(card.visits)).toEqual([
      [neverClosed.id, 'CONFIRMED', false],
      [completed.id, 'COMPLETED', true],
    ])
    expect(lines(card.canceled)).toEqual([[canceled.id, 'CANCELED', true]])
    expect(card.canceled[0]?.cancelReason).toBe('出差')
    expect(lines(card.noShows)).toEqual([[noShow.id, 'NO_SHOW', false]])
    expect(card.counts).toEqual({ upcoming: 2, visits: 2, canceled: 1, noShows: 1 })

    const short = await host.must(RECEPTION, 'patients.card', { id: me, limit: 1 })
    expect(short.upcoming.map((a) => a.id)).toEqual([sooner.id])
    expect(short.counts).toEqual(card.counts)
  })

  test('a patient without history has an empty card; a missing one is NOT_FOUND; bad input is INVALID_INPUT', async () => {
    clinic = await makeClinic({ patients: 1 })
    const { host, patientIds } = clinic
    const card = await host.must(RECEPTION, 'patients.card', { id: patientIds[0]! })
    expect(card).toMatchObject({ upcoming: [], visits: [], canceled: [], noShows: [] })
    expect(await host.call(RECEPTION, 'patients.card', { id: 99999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'id' },
    })
    for (const bad of [{ id: 0 }, { id: patientIds[0]!, limit: 0 }, { id: 1, extra: true }]) {
      const result = await host.call(RECEPTION, 'patients.card', bad as never)
      expect(result.ok ? 'ok' : result.error.code).toBe('INVALID_INPUT')
    }
  })

  test('doctors and the display cannot open a patient card', async () => {
    clinic = await makeClinic({ patients: 1 })
    for (const caller of [DISPLAY, doctorCaller(clinic.doctorIds[0]!)]) {
      const result = await clinic.host.call(caller, 'patients.card', { id: clinic.patientIds[0]! })
      expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN')
    }
  })

  test('registering and editing a patient publish patients.changed after commit; a refused edit publishes nothing', async () => {
    clinic = await makeClinic({ patients: 1 })
    const { host } = clinic
    const heard: EventMessage<'patients.changed'>[] = []
    const stop = host.bus.subscribe((e) => {
      if (e.event === 'patients.changed') heard.push(e.payload as EventMessage<'patients.changed'>)
    })
    const p = await host.must(RECEPTION, 'patients.register', { name: '周杰', sex: 'M' })
    const { createdAt: _c, ...fields } = p
    await host.must(RECEPTION, 'patients.update', { ...fields, note: '青霉素过敏' })
    const refused = await host.call(RECEPTION, 'patients.update', {
      ...fields,
      idNumber: '110105199003070018',
    })
    expect(refused.ok ? 'ok' : refused.error.code).toBe('INVALID_INPUT')
    stop()
    expect(heard.map((m) => m.patientIds)).toEqual([[p.id], [p.id]])
    expect((await host.must(RECEPTION, 'patients.get', { id: p.id })).note).toBe('青霉素过敏')
  })
})
