import { afterEach, expect, test } from 'vitest'
import type { PublishedEvent } from '../../src/main/host/event-bus'
import { UNDO_WINDOW_MS } from '../../src/shared/visit'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, DISPLAY, doctorCaller, RECEPTION } from '../helpers/test-host'
import { forEachEngine } from '../helpers/engines'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

/** Books n patients of doctor 0 (three to a band from 08:00); checks in all but those in `notArrived`. */
async function booked(c: Clinic, n: number, notArrived: readonly number[] = []): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < n; i++) {
    const slot = await slotAt(c.host, c.doctorIds[0]!, TODAY, i < 3 ? '08:00' : '08:30')
    const a = await c.host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: c.patientIds[i]!,
      idempotencyKey: key(),
    })
    if (!notArrived.includes(i)) await c.host.must(RECEPTION, 'appointments.checkIn', { id: a.id })
    ids.push(a.id)
  }
  return ids
}

const waitingOrder = async (c: Clinic): Promise<number[]> =>
  (
    await c.host.must(ADMIN, 'queue.forDoctorDay', { doctorId: c.doctorIds[0]!, date: TODAY })
  ).entries
    .filter((e) => e.position !== null)
    .map((e) => e.id)

const row = async (c: Clinic, id: number) =>
  c.host.database.read
    .selectFrom('appointments')
    .select(['status', 'skip_count', 'call_order', 'live_guard'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

const lastAudit = async (c: Clinic, id: number) =>
  c.host.database.read
    .selectFrom('audit_log')
    .select(['actor', 'action', 'before', 'after'])
    .where('entity', '=', 'appointment')
    .where('entity_id', '=', id)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()

forEachEngine(() => {
  test('a skipped patient goes back at the end of the line or after N, and a no-show the same', async () => {
    clinic = await makeClinic({ patients: 6 })
    const { host, doctorIds } = clinic
    const doc = doctorCaller(doctorIds[0]!)
    const ids = await booked(clinic, 6, [5])
    await host.must(doc, 'queue.callNext', { doctorId: doctorIds[0]! })
    await host.must(doc, 'queue.skip', { id: ids[0]! })
    const events: PublishedEvent[] = []
    host.bus.subscribe((e) => events.push(e))

    const atEnd = await host.must(RECEPTION, 'queue.recheckIn', {
      id: ids[0]!,
      place: { rule: 'end' },
      reason: '迟到',
    })
    expect(atEnd).toMatchObject({ status: 'CHECKED_IN', position: 5, skipCount: 1 })
    expect(await waitingOrder(clinic)).toEqual([ids[1], ids[2], ids[3], ids[4], ids[0]])
    expect(events.map((e) => e.event).sort()).toEqual(['appointments.changed', 'display.changed'])
    const audit = await lastAudit(clinic, ids[0]!)
    expect(audit.action).toBe('queue.recheckIn')
    expect(audit.actor).toBe(RECEPTION.label)
    expect(JSON.parse(audit.before!)).toMatchObject({ status: 'SKIPPED' })
    expect(JSON.parse(audit.after!)).toMatchObject({
      status: 'CHECKED_IN',
      reason: '迟到',
      place: { rule: 'end' },
    })

    // The patient never arrived, the doctor marked them 未到; they turn up and go in after two.
    await host.must(doc, 'queue.noShow', { id: ids[5]! })
    expect((await row(clinic, ids[5]!)).live_guard).toBeNull()
    const afterTwo = await host.must(doc, 'queue.recheckIn', {
      id: ids[5]!,
      place: { rule: 'after', places: 2 },
      reason: '临时离开',
    })
    expect(afterTwo).toMatchObject({ status: 'CHECKED_IN', position: 3 })
    expect(afterTwo.checkedInAt).not.toBeNull()
    expect((await row(clinic, ids[5]!)).live_guard).toBe(1)
    expect(await waitingOrder(clinic)).toEqual([ids[1], ids[2], ids[5], ids[3], ids[4], ids[0]])

    // After 0: next to be called; more places than people waiting: last.
    const skipNext = async (): Promise<void> => {
      await host.must(doc, 'queue.callNext', { doctorId: doctorIds[0]! })
      await host.must(doc, 'queue.skip', { id: ids[1]! })
    }
    await skipNext()
    await host.must(doc, 'queue.recheckIn', {
      id: ids[1]!,
      place: { rule: 'after', places: 0 },
      reason: '误操作',
    })
    expect(await waitingOrder(clinic)).toEqual([ids[1], ids[2], ids[5], ids[3], ids[4], ids[0]])
    await skipNext()
    await host.must(doc, 'queue.recheckIn', {
      id: ids[1]!,
      place: { rule: 'after', places: 50 },
      reason: '误操作',
    })
    expect(await waitingOrder(clinic)).toEqual([ids[2], ids[5], ids[3], ids[4], ids[0], ids[1]])
  })

  test('only SKIPPED or NO_SHOW, only on the day, and bad input changes nothing', async () => {
    clinic = await makeClinic({ patients: 4 })
    const { host, doctorIds } = clinic
    const doc = doctorCaller(doctorIds[0]!)
    const ids = await booked(clinic, 3, [2])
    const end = { rule: 'end' } as const
    // CHECKED_IN (waiting) and PENDING (not arrived): nothing to check in again.
    for (const id of [ids[0]!, ids[2]!]) {
      const before = await row(clinic, id)
      expect(
        await host.call(RECEPTION, 'queue.recheckIn', { id, place: end, reason: '迟到' }),
      ).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } })
      expect(await row(clinic, id)).toEqual(before)
    }
    await host.must(doc, 'queue.callNext', { doctorId: doctorIds[0]! })
    await host.must(doc, 'queue.start', { id: ids[0]! })
    await host.must(doc, 'queue.complete', { id: ids[0]! })
    expect(
      await host.call(doc, 'queue.recheckIn', { id: ids[0]!, place: end, reason: '迟到' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', details: { from: 'COMPLETED' } },
    })

    await host.must(doc, 'queue.noShow', { id: ids[2]! })
    const noShow = await row(clinic, ids[2]!)
    for (const bad of [
      { id: ids[2]!, place: end, reason: '  ' },
      { id: ids[2]!, place: { rule: 'after' }, reason: '迟到' },
      { id: ids[2]!, place: { rule: 'after', places: -1 }, reason: '迟到' },
      { id: ids[2]!, place: { rule: 'front' }, reason: '迟到' },
      { id: ids[2]!, place: end, reason: '迟到', extra: 1 },
    ]) {
      expect(await host.call(RECEPTION, 'queue.recheckIn', bad as never)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    expect(await row(clinic, ids[2]!)).toEqual(noShow)

    // A doctor only on their own queue; the display never.
    const other = doctorCaller(doctorIds[0]! + 1000)
    for (const caller of [other, DISPLAY])
      expect(
        await host.call(caller, 'queue.recheckIn', { id: ids[2]!, place: end, reason: '迟到' }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    // The next day, yesterday's no-show stays a no-show.
    clinic.clock.advance(24 * 3600_000)
    expect(
      await host.call(RECEPTION, 'queue.recheckIn', { id: ids[2]!, place: end, reason: '迟到' }),
    ).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } })
    expect(await row(clinic, ids[2]!)).toEqual(noShow)
  })

  test('a no-show whose patient was booked again meanwhile is not brought back as a second live booking', async () => {
    clinic = await makeClinic({ patients: 2 })
    const { host, doctorIds, patientIds } = clinic
    const ids = await booked(clinic, 1, [0])
    await host.must(RECEPTION, 'queue.noShow', { id: ids[0]! })
    await host.must(RECEPTION, 'appointments.walkIn', {
      scope: { doctorId: doctorIds[0]! },
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    expect(
      await host.call(RECEPTION, 'queue.recheckIn', {
        id: ids[0]!,
        place: { rule: 'end' },
        reason: '迟到',
      }),
    ).toMatchObject({ ok: false, error: { code: 'ALREADY_BOOKED' } })
    expect((await row(clinic, ids[0]!)).status).toBe('NO_SHOW')
  })

  test('undo takes back a skip up to UNDO_WINDOW_MS later by the host clock, and not a moment after', async () => {
    clinic = await makeClinic({ patients: 4 })
    const { host, doctorIds } = clinic
    const doc = doctorCaller(doctorIds[0]!)
    const ids = await booked(clinic, 4)
    await host.must(doc, 'queue.callNext', { doctorId: doctorIds[0]! })
    const called = await row(clinic, ids[0]!)
    await host.must(doc, 'queue.skip', { id: ids[0]! })
    expect((await row(clinic, ids[0]!)).status).toBe('SKIPPED')
    clinic.clock.advance(UNDO_WINDOW_MS)
    const events: PublishedEvent[] = []
    host.bus.subscribe((e) => events.push(e))
    expect(await host.must(doc, 'queue.undo', { id: ids[0]! })).toMatchObject({
      status: 'CALLED',
      skipCount: 0,
      position: null,
    })
    expect(await row(clinic, ids[0]!)).toEqual(called)
    expect(events.map((e) => e.event).sort()).toEqual(['appointments.changed', 'display.changed'])
    expect(JSON.parse((await lastAudit(clinic, ids[0]!)).before!)).toMatchObject({
      status: 'SKIPPED',
    })
    // The undo is now the newest change: a second undo has nothing to take back.
    expect(await host.call(doc, 'queue.undo', { id: ids[0]! })).toMatchObject({
      ok: false,
      error: { code: 'UNDO_EXPIRED', details: { why: 'none' } },
    })

    await host.must(doc, 'queue.skip', { id: ids[0]! })
    const skipped = await row(clinic, ids[0]!)
    clinic.clock.advance(UNDO_WINDOW_MS + 1)
    expect(await host.call(doc, 'queue.undo', { id: ids[0]! })).toMatchObject({
      ok: false,
      error: { code: 'UNDO_EXPIRED', details: { why: 'time' } },
    })
    expect(await row(clinic, ids[0]!)).toEqual(skipped)
  })

  test('undo is the caller’s own last step only, and brings a no-show back with its one-per-day guard', async () => {
    clinic = await makeClinic({ patients: 5 })
    const { host, doctorIds, patientIds } = clinic
    const doc = doctorCaller(doctorIds[0]!)
    const ids = await booked(clinic, 4, [3])
    await host.must(doc, 'queue.callNext', { doctorId: doctorIds[0]! })
    await host.must(doc, 'queue.skip', { id: ids[0]! })
    // Someone else cannot take it back, and neither can the doctor once they called the next one.
    expect(await host.call(ADMIN, 'queue.undo', { id: ids[0]! })).toMatchObject({
      ok: false,
      error: { code: 'UNDO_EXPIRED' },
    })
    await host.must(doc, 'queue.callNext', { doctorId: doctorIds[0]! })
    expect(await host.call(doc, 'queue.undo', { id: ids[0]! })).toMatchObject({
      ok: false,
      error: { code: 'UNDO_EXPIRED', details: { why: 'later' } },
    })
    expect((await row(clinic, ids[0]!)).status).toBe('SKIPPED')
    expect(await host.call(RECEPTION, 'queue.undo', { id: ids[0]! })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })

    // 未到 on a patient not arrived: undone, they are booked again and hold the day's guard.
    const pending = await row(clinic, ids[3]!)
    await host.must(doc, 'queue.noShow', { id: ids[3]! })
    expect(await row(clinic, ids[3]!)).toMatchObject({ status: 'NO_SHOW', live_guard: null })
    expect(await host.must(doc, 'queue.undo', { id: ids[3]! })).toMatchObject({
      status: 'CONFIRMED',
    })
    expect(await row(clinic, ids[3]!)).toEqual(pending)
    expect(
      await host.call(RECEPTION, 'appointments.walkIn', {
        scope: { doctorId: doctorIds[0]! },
        patientId: patientIds[3]!,
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'ALREADY_BOOKED' } })
  })

  test('a skip that reached the limit (NO_SHOW) is undone back to CALLED', async () => {
    clinic = await makeClinic({ patients: 3 })
    const { host, doctorIds } = clinic
    await host.must(ADMIN, 'settings.update', { skipLimit: 1 })
    const doc = doctorCaller(doctorIds[0]!)
    const ids = await booked(clinic, 2)
    await host.must(doc, 'queue.callNext', { doctorId: doctorIds[0]! })
    const called = await row(clinic, ids[0]!)
    expect(await host.must(doc, 'queue.skip', { id: ids[0]! })).toMatchObject({
      status: 'NO_SHOW',
      skipCount: 1,
    })
    expect(await host.must(doc, 'queue.undo', { id: ids[0]! })).toMatchObject({
      status: 'CALLED',
      skipCount: 0,
    })
    expect(await row(clinic, ids[0]!)).toEqual(called)
    const board = await host.must(DISPLAY, 'display.board', { nextCount: 3 })
    expect(board.rooms[0]?.calling?.queueNo).toBe(1)
  })
})
