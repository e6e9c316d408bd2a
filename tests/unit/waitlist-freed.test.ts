import { afterEach, describe, expect, test } from 'vitest'
import type { Caller } from '../../src/shared/roles'
import {
  expectBookedMatches,
  key,
  makeClinic,
  slotAt,
  type Clinic,
} from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'
import { selectRows, snapshotTables } from '../helpers/engine-sql'
import { ADMIN, RECEPTION } from '../helpers/test-host'

// Issue 14: every way a place frees serves the waitlist (候补) in the freeing's own transaction,
// in book mode (候补成功) and in offer mode (候补待确认), on SQLite and PostgreSQL.

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

const TOMORROW = '2026-12-01'
const PHONE = '13800138000'
/** Another front desk, whose holds are not test-desk's. */
const DESK_B: Caller = { role: 'reception', label: 'desk-b' }
type Mode = 'book' | 'offer'

/**
 * A clinic in the mode asked whose 09:00 band (quota places) is full: patient 0 booked one place,
 * and `held` places are held by test-desk; patients 1 and 2 wait for the band, in that order.
 */
async function fullBand(mode: Mode, opts: { quota?: number; held?: number } = {}) {
  clinic = await makeClinic({ patients: 6, quota: opts.quota ?? 1, walkIn: 0 })
  await clinic.host.must(ADMIN, 'settings.update', {
    waitlistMode: mode,
    waitlistOfferMinutes: 15,
    holdMinutes: 5,
  })
  const doc = clinic.doctorIds[0]!
  const band = await slotAt(clinic.host, doc, TOMORROW, '09:00')
  const booking = await clinic.host.must(RECEPTION, 'appointments.book', {
    slotId: band.id,
    patientId: clinic.patientIds[0]!,
    idempotencyKey: key(),
  })
  const holds: number[] = []
  for (let i = 0; i < (opts.held ?? 0); i++)
    holds.push((await clinic.host.must(RECEPTION, 'holds.create', { slotId: band.id })).id)
  const line: number[] = []
  for (const p of [1, 2])
    line.push(
      (
        await clinic.host.must(RECEPTION, 'waitlist.add', {
          patientId: clinic.patientIds[p]!,
          doctorId: doc,
          date: TOMORROW,
          slotIds: [band.id],
          phone: PHONE,
        })
      ).id,
    )
  return { doc, band, booking, holds, line }
}

const entry = (id: number) => clinic.host.must(RECEPTION, 'waitlist.position', { id })

/** The contract methods whose transactions wrote this entry's audit rows, oldest first. */
async function auditedBy(entryId: number): Promise<string[]> {
  const rows = await selectRows<{ action: string }>(
    clinic.host,
    `select action from audit_log where entity = 'waitlist' and entity_id = ${entryId} order by id`,
  )
  return rows.map((r) => r.action)
}

/**
 * The first in line was served by `method`'s own transaction (its audit row says so: audit rows
 * are written in the unit that changed the row), and the second still waits behind them.
 */
async function expectServedBy(
  mode: Mode,
  line: number[],
  method: string,
  slotId: number,
): Promise<void> {
  const [first, second] = line as [number, number]
  if (mode === 'book')
    expect(await entry(first)).toMatchObject({ status: 'BOOKED', bookedStartTime: '09:00' })
  else expect(await entry(first)).toMatchObject({ status: 'OFFERED', offer: { slotId } })
  expect(await auditedBy(first)).toEqual(['waitlist.add', method])
  expect(await entry(second)).toMatchObject({ status: 'WAITING' })
  expect(await auditedBy(second)).toEqual(['waitlist.add'])
  await expectBookedMatches(clinic.host)
}

forEachEngine(() => {
  for (const mode of ['book', 'offer'] as const) {
    describe(`a freed place serves the line (${mode} mode)`, () => {
      test('a cancel (退号)', async () => {
        const { band, booking, line } = await fullBand(mode)
        await clinic.host.must(RECEPTION, 'appointments.cancel', { id: booking.id, reason: '有事' })
        await expectServedBy(mode, line, 'appointments.cancel', band.id)
      })

      test('a reschedule away (改约)', async () => {
        const { doc, band, booking, line } = await fullBand(mode)
        const later = await slotAt(clinic.host, doc, TOMORROW, '10:00')
        await clinic.host.must(RECEPTION, 'appointments.reschedule', {
          id: booking.id,
          toSlotId: later.id,
          idempotencyKey: key(),
        })
        await expectServedBy(mode, line, 'appointments.reschedule', band.id)
      })

      test('a desk releasing its hold', async () => {
        const { band, holds, line } = await fullBand(mode, { quota: 2, held: 1 })
        expect(await clinic.host.must(RECEPTION, 'holds.release', { holdId: holds[0]! })).toEqual({
          released: true,
        })
        await expectServedBy(mode, line, 'holds.release', band.id)
      })

      test('a hold that expires, on the minute timer', async () => {
        const { band, line } = await fullBand(mode, { quota: 2, held: 1 })
        clinic.clock.set('2026-11-30T00:15:00Z') // holdMinutes (5) after the hold
        const swept = await clinic.host.must(ADMIN, 'waitlist.sweep', {})
        expect(swept).toEqual({ expired: [], lapsed: [], served: [line[0]] })
        await expectServedBy(mode, line, 'waitlist.sweep', band.id)
      })

      test('expired holds found by another desk holding the band: the line has those places first', async () => {
        // Three places held, all expired: both in line are served, in order, the desk gets the third.
        const { band, line } = await fullBand(mode, { quota: 4, held: 3 })
        clinic.clock.set('2026-11-30T00:15:00Z')
        const hold = await clinic.host.must(DESK_B, 'holds.create', { slotId: band.id })
        expect(hold.slotId).toBe(band.id)
        const served = await Promise.all(line.map(entry))
        expect(served.map((e) => e.status)).toEqual(
          mode === 'book' ? ['BOOKED', 'BOOKED'] : ['OFFERED', 'OFFERED'],
        )
        if (mode === 'book')
          expect(served[0]!.appointmentId!).toBeLessThan(served[1]!.appointmentId!)
        for (const id of line) expect(await auditedBy(id)).toEqual(['waitlist.add', 'holds.create'])
        await expectBookedMatches(clinic.host)
      })

      test('an expired hold that was the only place: the desk is refused, nothing changes, the timer serves the line', async () => {
        const { band, line } = await fullBand(mode, { quota: 2, held: 1 })
        clinic.clock.set('2026-11-30T00:15:00Z')
        const before = await snapshotTables(clinic.host)
        // Book mode: the line booked the place (SLOT_TAKEN); offer mode: it holds it (SLOT_HELD).
        expect(await clinic.host.call(DESK_B, 'holds.create', { slotId: band.id })).toMatchObject({
          ok: false,
          error: { code: mode === 'book' ? 'SLOT_TAKEN' : 'SLOT_HELD', field: 'slotId' },
        })
        expect(await snapshotTables(clinic.host)).toEqual(before)
        await clinic.host.must(ADMIN, 'waitlist.sweep', {})
        await expectServedBy(mode, line, 'waitlist.sweep', band.id)
      })

      test('a reopened leave (停诊 taken back)', async () => {
        const { doc, band, booking, line } = await fullBand(mode)
        const leave = await clinic.host.must(ADMIN, 'leave.create', {
          doctorId: doc,
          from: TOMORROW,
          to: TOMORROW,
          reason: '外出',
        })
        // The desk phones the booked patient and cancels; the band is closed: nobody is served.
        await clinic.host.must(RECEPTION, 'appointments.cancel', { id: booking.id, reason: '停诊' })
        expect(await entry(line[0]!)).toMatchObject({ status: 'WAITING', position: 1 })
        await clinic.host.must(ADMIN, 'leave.reopen', { id: leave.leave.id })
        await expectServedBy(mode, line, 'leave.reopen', band.id)
      })

      test('an extra place (加号)', async () => {
        const { doc, band, line } = await fullBand(mode)
        await clinic.host.must(RECEPTION, 'slots.addExtra', {
          slotId: band.id,
          count: 1,
          agreedBy: doc,
          idempotencyKey: key(),
        })
        await expectServedBy(mode, line, 'slots.addExtra', band.id)
      })
    })
  }

  describe('an offered place that comes back serves the next in line (offer mode)', () => {
    test('declined', async () => {
      const { band, booking, line } = await fullBand('offer')
      await clinic.host.must(RECEPTION, 'appointments.cancel', { id: booking.id, reason: '有事' })
      await clinic.host.must(RECEPTION, 'waitlist.decline', { id: line[0]!, reason: '不需要了' })
      expect(await entry(line[1]!)).toMatchObject({ status: 'OFFERED', offer: { slotId: band.id } })
      expect(await auditedBy(line[1]!)).toEqual(['waitlist.add', 'waitlist.decline'])
      await expectBookedMatches(clinic.host)
    })

    test('lapsed, on the minute timer', async () => {
      const { band, booking, line } = await fullBand('offer')
      await clinic.host.must(RECEPTION, 'appointments.cancel', { id: booking.id, reason: '有事' })
      clinic.clock.set('2026-11-30T00:25:00Z') // waitlistOfferMinutes (15) later
      expect(await clinic.host.must(ADMIN, 'waitlist.sweep', {})).toEqual({
        expired: [],
        lapsed: [line[0]],
        served: [line[1]],
      })
      expect(await entry(line[0]!)).toMatchObject({ status: 'CANCELED' })
      expect(await entry(line[1]!)).toMatchObject({ status: 'OFFERED', offer: { slotId: band.id } })
      expect(await auditedBy(line[1]!)).toEqual(['waitlist.add', 'waitlist.sweep'])
      await expectBookedMatches(clinic.host)
    })

    test('lapsed, found by a desk holding the band: the next in line has the place first', async () => {
      const { band, holds, line } = await fullBand('offer', { quota: 2, held: 1 })
      await clinic.host.must(RECEPTION, 'holds.release', { holdId: holds[0]! })
      expect(await entry(line[0]!)).toMatchObject({ status: 'OFFERED' })
      clinic.clock.set('2026-11-30T00:25:00Z') // the offer's deadline
      const before = await snapshotTables(clinic.host)
      // The lapsed offer's place is offered to line[1] before the desk's hold: the desk is refused,
      // and its refusal changes nothing (the timer will do the same in its own transaction).
      expect(await clinic.host.call(DESK_B, 'holds.create', { slotId: band.id })).toMatchObject({
        ok: false,
        error: { code: 'SLOT_HELD', field: 'slotId' },
      })
      expect(await snapshotTables(clinic.host)).toEqual(before)
      await clinic.host.must(ADMIN, 'waitlist.sweep', {})
      expect(await entry(line[1]!)).toMatchObject({ status: 'OFFERED', offer: { slotId: band.id } })
    })
  })

  describe('the minute timer writes the expiry of entries whose session has started', () => {
    test('EXPIRED is stored (not only shown on read), and an expired entry is never served', async () => {
      const { line } = await fullBand('book')
      clinic.clock.set('2026-12-01T01:00:00Z') // 09:00 in Shanghai: the band starts
      expect(await clinic.host.must(ADMIN, 'waitlist.sweep', {})).toEqual({
        expired: line,
        lapsed: [],
        served: [],
      })
      const rows = await selectRows<{ status: string }>(
        clinic.host,
        `select status from waitlist where id in (${line.join(',')}) order by id`,
      )
      expect(rows.map((r) => r.status)).toEqual(['EXPIRED', 'EXPIRED'])
      expect(await auditedBy(line[0]!)).toEqual(['waitlist.add', 'waitlist.sweep'])
    })
  })
})
