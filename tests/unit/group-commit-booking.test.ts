import { afterEach, expect, test } from 'vitest'
import { verifyChain } from '../../src/main/db/audit-chain'
import type { PublishedEvent } from '../../src/main/host/event-bus'
import type { Caller } from '../../src/shared/roles'
import {
  expectBookedMatches,
  key,
  makeClinic,
  slotAt,
  type Clinic,
} from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'
import { ADMIN } from '../helpers/test-host'

// Group commit seen from the desks: many bookings at once through the real dispatcher, grouped by
// the writer, answered exactly as if each had committed alone (DESIGN §4 invariants 1, 2, 6, 7).
// On PostgreSQL the same traffic runs as concurrent transactions that meet on the band's row lock
// (there is no group commit: groupSizes stays empty), and every answer must be the same; only the
// checks that groups formed are SQLite's alone.

let clinic: Clinic | undefined
afterEach(async () => {
  await clinic?.host.dispose()
  clinic = undefined
})

const desk = (n: number): Caller => ({ role: 'reception', label: `desk-${n}` })

forEachEngine((engine) => {
  test('twelve desks book one band at once: quota holds, the refused get SLOT_TAKEN, events follow the commits (and on SQLite, groups form)', async () => {
    clinic = await makeClinic({ patients: 12, quota: 4, walkIn: 1 })
    const { host, doctorIds, patientIds } = clinic
    await host.must(ADMIN, 'settings.update', { onePerDoctorPerDay: true })
    const band = await slotAt(host, doctorIds[0]!, '2026-12-01', '09:00')
    const before = new Map(host.writer.groupSizes)
    const events: PublishedEvent[] = []
    host.bus.subscribe((e) => void events.push(e))

    const answers = await Promise.all(
      patientIds.map((patientId, i) =>
        host.call(desk(i), 'appointments.book', {
          slotId: band.id,
          patientId,
          idempotencyKey: key(),
        }),
      ),
    )

    const grouped = [...host.writer.groupSizes].filter(([size, n]) => n > (before.get(size) ?? 0))
    if (engine === 'sqlite')
      expect(
        grouped.some(([size]) => size > 1),
        `group sizes ${JSON.stringify(grouped)}`,
      ).toBe(true)
    // 4 places, 1 of them kept for walk-ins: 3 phone bookings, the others refused as in a row.
    const ok = answers.filter((a) => a.ok)
    expect(ok).toHaveLength(3)
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(
      Array(9).fill('SLOT_TAKEN'),
    )
    expect(ok.map((a) => a.ok && a.value.queueNo).sort()).toEqual([1, 2, 3])
    await expectBookedMatches(host)
    expect(await verifyChain(host.database.read)).toMatchObject({ ok: true })
    // One appointment.created per booking answered ok, in commit order, revisions without gaps.
    const created = events.filter((e) => e.event === 'appointment.created')
    expect(created.map((e) => (e.payload as { appointmentId: number }).appointmentId)).toEqual(
      ok.map((a) => a.ok && a.value.id).sort((x, y) => Number(x) - Number(y)),
    )
    // On PostgreSQL a revision is its transaction's id and the event's place in it
    // (db/pg/change-feed.ts): increasing, but with gaps between transactions.
    const revs = events.map((e) => e.rev)
    if (engine === 'sqlite') expect(revs).toEqual(events.map((_, i) => events[0]!.rev + i))
    else expect(revs).toEqual([...revs].sort((x, y) => x - y))
    expect(new Set(revs).size).toBe(revs.length)
  })

  test('a double click books once: on SQLite its two calls land in one group and the second finds the first, uncommitted, in the same transaction', async () => {
    clinic = await makeClinic({ patients: 3, quota: 4, walkIn: 1 })
    const { host, doctorIds, patientIds } = clinic
    const band = await slotAt(host, doctorIds[0]!, '2026-12-01', '09:00')
    const before = new Map(host.writer.groupSizes)
    const submission = { slotId: band.id, patientId: patientIds[0]!, idempotencyKey: key() }
    const [first, second, other] = await Promise.all([
      host.must(desk(1), 'appointments.book', submission),
      host.must(desk(1), 'appointments.book', submission),
      host.must(desk(2), 'appointments.book', {
        ...submission,
        patientId: patientIds[1]!,
        idempotencyKey: key(),
      }),
    ])
    if (engine === 'sqlite')
      expect(
        [...host.writer.groupSizes].some(([size, n]) => size > 1 && n > (before.get(size) ?? 0)),
      ).toBe(true)
    expect(second).toEqual(first)
    expect(other.id).not.toBe(first.id)
    expect((await slotAt(host, doctorIds[0]!, '2026-12-01', '09:00')).booked).toBe(2)
    await expectBookedMatches(host)
  })
})
