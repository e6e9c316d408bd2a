import { afterEach, expect, test } from 'vitest'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { RECEPTION } from '../helpers/test-host'
import type { Caller } from '../../src/shared/roles'
import { forEachEngine } from '../helpers/engines'

const DESK2: Caller = { role: 'reception', label: 'desk-2' }
let clinic: Clinic
afterEach(() => clinic?.host.dispose())

forEachEngine(() => {
  test('desks holding the last place at the same instant: exactly one gets it, the others are told it is held', async () => {
    clinic = await makeClinic({ quota: 1, walkIn: 0 })
    const { host, doctorIds } = clinic
    const slot = await slotAt(host, doctorIds[0]!, TODAY, '10:00')
    const desks: Caller[] = Array.from({ length: 6 }, (_, i) => ({
      role: 'reception',
      label: `desk-race-${i}`,
    }))
    // At once: on PostgreSQL each call is its own unit on its own connection.
    const answers = await Promise.all(
      desks.map((desk) => host.call(desk, 'holds.create', { slotId: slot.id })),
    )
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    for (const a of answers.filter((x) => !x.ok))
      expect(a).toMatchObject({ ok: false, error: { code: 'SLOT_HELD' } })
    expect(await slotAt(host, doctorIds[0]!, TODAY, '10:00')).toMatchObject({
      held: 1,
      placesLeft: 0,
    })
  })

  test('a hold keeps a place for its desk only: LOCKED for others, bookable by its holder', async () => {
    clinic = await makeClinic({ quota: 2, walkIn: 0 })
    const { host, doctorIds, patientIds } = clinic
    const slot = await slotAt(host, doctorIds[0]!, TODAY, '10:00')
    const h1 = await host.must(RECEPTION, 'holds.create', { slotId: slot.id })
    await host.must(DESK2, 'holds.create', { slotId: slot.id })
    expect(await slotAt(host, doctorIds[0]!, TODAY, '10:00')).toMatchObject({
      held: 2,
      placesLeft: 0,
      status: 'LOCKED',
      booked: 0,
    })
    expect(await host.call(RECEPTION, 'holds.create', { slotId: slot.id })).toMatchObject({
      ok: false,
      error: { code: 'SLOT_HELD' },
    })
    expect(
      await host.call(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'SLOT_HELD' } })
    expect(
      await host.call(DESK2, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[0]!,
        holdId: h1.id,
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'holdId' } })
    await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: patientIds[0]!,
      holdId: h1.id,
      idempotencyKey: key(),
    })
    expect(await slotAt(host, doctorIds[0]!, TODAY, '10:00')).toMatchObject({
      held: 1,
      booked: 1,
      placesLeft: 0,
      status: 'LOCKED',
    })
    expect(
      await host.call(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[1]!,
        holdId: h1.id,
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'HOLD_EXPIRED' } })
  })

  test('a hold expires by itself after holdMinutes; releasing frees it at once', async () => {
    clinic = await makeClinic({ quota: 1, walkIn: 0 })
    const { host, doctorIds, patientIds } = clinic
    const slot = await slotAt(host, doctorIds[0]!, TODAY, '10:00')
    const hold = await host.must(RECEPTION, 'holds.create', { slotId: slot.id })
    expect(new Date(hold.expiresAt).getTime() - clinic.clock.now().getTime()).toBe(5 * 60_000)
    expect(await host.call(DESK2, 'holds.create', { slotId: slot.id })).toMatchObject({
      ok: false,
      error: { code: 'SLOT_HELD' },
    })
    clinic.clock.advance(5 * 60_000)
    expect(await slotAt(host, doctorIds[0]!, TODAY, '10:00')).toMatchObject({
      held: 0,
      placesLeft: 1,
      status: 'AVAILABLE',
    })
    expect(
      await host.call(RECEPTION, 'appointments.book', {
        slotId: slot.id,
        patientId: patientIds[0]!,
        holdId: hold.id,
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'HOLD_EXPIRED' } })
    const h2 = await host.must(DESK2, 'holds.create', { slotId: slot.id })
    expect(await host.call(RECEPTION, 'holds.release', { holdId: h2.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await host.must(DESK2, 'holds.release', { holdId: h2.id })).toEqual({ released: true })
    expect(await host.must(DESK2, 'holds.release', { holdId: h2.id })).toEqual({ released: false })
    await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    expect(await host.call(RECEPTION, 'holds.create', { slotId: slot.id })).toMatchObject({
      ok: false,
      error: { code: 'SLOT_TAKEN' },
    })
  })
})
