import { afterEach, expect, test } from 'vitest'
import { DEFAULT_POLICY, INITIAL_POLICY } from '../../src/shared/policy/rules'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, doctorCaller, RECEPTION } from '../helpers/test-host'

// Issue 14 part 3: 结束出诊 marks every not-arrived booking NO_SHOW, but one whose band start +
// grace had not come yet is excused: it never counts as 爽约, and the late patient who still
// comes within the grace is checked in again.

forEachEngine(() => {
  let clinic: Clinic
  afterEach(() => clinic?.host.dispose())

  // One counted no-show suspends, so "counted or not" shows in the booking path too.
  const policy = {
    ...INITIAL_POLICY,
    noShow: { enabled: true, graceMinutes: 30 },
    suspension: { ...DEFAULT_POLICY.suspension, enabled: true, count: 1 },
  }
  const book = async (doctor: number, time: string, patient: number) => {
    const slot = await slotAt(clinic.host, clinic.doctorIds[doctor]!, TODAY, time)
    return clinic.host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: clinic.patientIds[patient]!,
      idempotencyKey: key(),
    })
  }
  const close = (doctor: number) =>
    clinic.host.must(doctorCaller(clinic.doctorIds[doctor]!), 'queue.closeSession', {
      doctorId: clinic.doctorIds[doctor]!,
      date: TODAY,
    })
  const row = (id: number) =>
    clinic.host.database.read
      .selectFrom('appointments')
      .select(['status', 'no_show_excused'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  const record = (patient: number) =>
    clinic.host.must(RECEPTION, 'policy.record', { patientId: clinic.patientIds[patient]! })

  test('closing at the last minute of grace excuses that band; at its end the no-show counts', async () => {
    clinic = await makeClinic({ doctors: 2, patients: 4, start: '2026-11-29T23:00:00Z' }) // 07:00
    await clinic.host.must(ADMIN, 'policy.update', policy)
    const early = await book(0, '08:00', 0) // grace ended 08:30
    const inGrace = await book(0, '08:30', 1) // grace ends 09:00
    const later = await book(0, '09:30', 2) // band not started
    const atEnd = await book(1, '08:30', 3)

    clinic.clock.set('2026-11-30T00:59:00Z') // 08:59: the last minute of the 08:30 grace
    expect(await close(0)).toEqual({ noShows: 3 })
    clinic.clock.set('2026-11-30T01:00:00Z') // 09:00: the 08:30 grace is over
    expect(await close(1)).toEqual({ noShows: 1 })

    expect(await row(early.id)).toMatchObject({ status: 'NO_SHOW', no_show_excused: 0 })
    expect(await row(inGrace.id)).toMatchObject({ status: 'NO_SHOW', no_show_excused: 1 })
    expect(await row(later.id)).toMatchObject({ status: 'NO_SHOW', no_show_excused: 1 })
    expect(await row(atEnd.id)).toMatchObject({ status: 'NO_SHOW', no_show_excused: 0 })

    // Counted: on the record and suspended. Excused: neither, and the phone still books.
    expect((await record(0)).events.map((e) => e.kind)).toEqual(['SUSPENDED', 'NO_SHOW'])
    expect((await record(3)).suspendedUntil).toBe('2027-02-28')
    expect(await record(1)).toMatchObject({ suspendedUntil: null, events: [] })
    expect(await record(2)).toMatchObject({ suspendedUntil: null, events: [] })
    const tomorrow = await slotAt(clinic.host, clinic.doctorIds[1]!, '2026-12-01', '09:00')
    const phone = (patient: number) =>
      clinic.host.call(RECEPTION, 'appointments.book', {
        slotId: tomorrow.id,
        patientId: clinic.patientIds[patient]!,
        idempotencyKey: key(),
      })
    expect(await phone(1)).toMatchObject({ ok: true })
    expect(await phone(3)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_REFUSED', details: { rule: 'SUSPENDED' } },
    })

    // The timer leaves closed bookings alone.
    clinic.clock.set('2026-11-30T02:00:00Z')
    expect(await clinic.host.must(ADMIN, 'policy.markNoShows', {})).toEqual({ marked: [] })
  })

  test('a late patient of an excused booking is checked in again, and a later NO_SHOW counts', async () => {
    clinic = await makeClinic({ start: '2026-11-29T23:00:00Z' })
    await clinic.host.must(ADMIN, 'policy.update', policy)
    const late = await book(0, '08:30', 0)
    clinic.clock.set('2026-11-30T00:45:00Z') // 08:45, within the grace
    await close(0)
    expect(await row(late.id)).toMatchObject({ status: 'NO_SHOW', no_show_excused: 1 })
    await clinic.host.must(RECEPTION, 'queue.recheckIn', {
      id: late.id,
      place: { rule: 'end' },
      reason: '患者迟到，宽限内到诊',
    })
    expect(await row(late.id)).toMatchObject({ status: 'CHECKED_IN', no_show_excused: 0 })
    // Checked in and then marked 未到 by the desk: that one is the patient's and counts.
    await clinic.host.must(RECEPTION, 'queue.noShow', { id: late.id })
    expect((await record(0)).suspendedUntil).toBe('2027-02-28')
  })
})
