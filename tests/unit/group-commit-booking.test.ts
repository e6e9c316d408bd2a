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
// SQLite groups its synchronous units (db/group-commit.ts, each in a savepoint); PostgreSQL its
// grouped ones (Units.runGrouped in db/pg/writer-pg.ts, no savepoints: a refusal changes nothing,
// a failed statement sends every unit of the group round again alone). The answers are the same.

let clinic: Clinic | undefined
afterEach(async () => {
  await clinic?.host.dispose()
  clinic = undefined
})

const desk = (n: number): Caller => ({ role: 'reception', label: `desk-${n}` })

forEachEngine((engine) => {
  test('twelve desks book one band at once: quota holds, the refused get SLOT_TAKEN, events follow the commits, groups form', async () => {
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

  test('a refusal inside a group fails its caller only and changes nothing: the place it took goes back', async () => {
    clinic = await makeClinic({ patients: 8, quota: 8, walkIn: 1 })
    const { host, doctorIds, patientIds } = clinic
    const band = await slotAt(host, doctorIds[0]!, '2026-12-01', '09:00')
    const retired = patientIds[7]!
    await host.must(ADMIN, 'patients.merge', {
      keepId: patientIds[6]!,
      retireId: retired,
      reason: '重复建档',
    })
    const events: PublishedEvent[] = []
    host.bus.subscribe((e) => void events.push(e))
    const before = new Map(host.writer.groupSizes)
    // Unknown and merged patients pass the band's guard and are refused after it (judgePlace).
    const who = [patientIds[0]!, 999_999, patientIds[1]!, retired, patientIds[2]!, patientIds[3]!]
    const answers = await Promise.all(
      who.map((patientId, i) =>
        host.call(desk(i), 'appointments.book', {
          slotId: band.id,
          patientId,
          idempotencyKey: key(),
        }),
      ),
    )
    const grouped = [...host.writer.groupSizes].filter(([size, n]) => n > (before.get(size) ?? 0))
    expect(
      grouped.some(([size]) => size > 1),
      JSON.stringify(grouped),
    ).toBe(true)
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code))).toEqual([
      'ok',
      'NOT_FOUND',
      'ok',
      'PATIENT_MERGED',
      'ok',
      'ok',
    ])
    expect((await slotAt(host, doctorIds[0]!, '2026-12-01', '09:00')).booked).toBe(4)
    await expectBookedMatches(host)
    expect(await verifyChain(host.database.read)).toMatchObject({
      ok: true,
      checked: expect.any(Number),
    })
    const created = events.filter((e) => e.event === 'appointment.created')
    expect(created).toHaveLength(4)
  })

  test('a statement failing inside a group sends its units round again alone: one patient booked twice at once gets one booking', async () => {
    clinic = await makeClinic({ patients: 4, quota: 8, walkIn: 1 })
    const { host, doctorIds, patientIds } = clinic
    await host.must(ADMIN, 'settings.update', { onePerDoctorPerDay: true })
    const nine = await slotAt(host, doctorIds[0]!, '2026-12-01', '09:00')
    const ten = await slotAt(host, doctorIds[0]!, '2026-12-01', '10:00')
    // On PostgreSQL both of the patient's bookings pass the live-booking read (the group's inserts
    // come last) and the second insert breaks the one-live-booking index: the group rolls back.
    const calls = [
      { slotId: nine.id, patientId: patientIds[0]! },
      { slotId: ten.id, patientId: patientIds[0]! },
      { slotId: nine.id, patientId: patientIds[1]! },
      { slotId: ten.id, patientId: patientIds[2]! },
    ]
    const answers = await Promise.all(
      calls.map((c, i) => host.call(desk(i), 'appointments.book', { ...c, idempotencyKey: key() })),
    )
    const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code))
    expect(codes.slice(2)).toEqual(['ok', 'ok'])
    expect([...codes.slice(0, 2)].sort()).toEqual(['ALREADY_BOOKED', 'ok'])
    await expectBookedMatches(host)
    expect(await verifyChain(host.database.read)).toMatchObject({ ok: true })
    const numbers = answers.flatMap((a) => (a.ok ? [a.value.queueNo] : []))
    expect([...numbers].sort()).toEqual([1, 2, 3])
  })
})
