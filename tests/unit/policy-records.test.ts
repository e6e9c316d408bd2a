import { afterEach, expect, test } from 'vitest'
import { DEFAULT_POLICY, INITIAL_POLICY, type BookingPolicy } from '../../src/shared/policy/rules'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, RECEPTION } from '../helpers/test-host'

// Issue 14: late cancels are recorded and count as 爽约; an admin lifts a suspension with a
// reason; the patient's 爽约 history reads back both.

forEachEngine(() => {
  let clinic: Clinic
  afterEach(() => clinic?.host.dispose())

  const TOMORROW = '2026-12-01'
  const rules = (countLateCancels: boolean): BookingPolicy => ({
    ...INITIAL_POLICY,
    cancelDeadline: { enabled: true, hoursBefore: 24 },
    suspension: { ...DEFAULT_POLICY.suspension, count: 2, countLateCancels },
  })
  const read = () => clinic.host.database.read
  // Rows of suspension_lifts and of audit_log: a refused lift leaves both as they were.
  const counts = async () => {
    const l = await read()
      .selectFrom('suspension_lifts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const a = await read()
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return [l.n, a.n].map(Number)
  }
  // One booking per doctor per day: each booking of a test goes to its own doctor.
  const book = async (time: string, doctor: number) => {
    const slot = await slotAt(clinic.host, clinic.doctorIds[doctor]!, TOMORROW, time)
    return clinic.host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: clinic.patientIds[0]!,
      idempotencyKey: key(),
    })
  }
  const cancel = (id: number) =>
    clinic.host.must(RECEPTION, 'appointments.cancel', { id, reason: '患者有事' })
  const lateFlag = async (id: number) =>
    (
      await read()
        .selectFrom('appointments')
        .select('late_canceled_on')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).late_canceled_on

  test('a cancel is late from the minute of the deadline, and late cancels suspend when they count', async () => {
    clinic = await makeClinic({ doctors: 4 })
    await clinic.host.must(ADMIN, 'policy.update', rules(true))
    const a = await book('09:00', 0)
    const b = await book('09:30', 1)
    const c = await book('09:00', 2)
    clinic.clock.set('2026-11-30T00:59:00Z') // 08:59, 24 h and 1 minute before 09:00 tomorrow
    await cancel(a.id)
    expect(await lateFlag(a.id)).toBeNull()
    clinic.clock.set('2026-11-30T01:30:00Z') // 09:30: the 09:30 band's deadline, to the minute
    await cancel(b.id)
    await cancel(c.id)
    expect([await lateFlag(b.id), await lateFlag(c.id)]).toEqual([TODAY, TODAY])
    // Two late cancels today (30 Nov): suspended until 30 Nov + 90 days, said with the figures.
    const slot = await slotAt(clinic.host, clinic.doctorIds[3]!, TOMORROW, '10:30')
    const refused = await clinic.host.call(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: clinic.patientIds[0]!,
      idempotencyKey: key(),
    })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'POLICY_REFUSED',
        field: 'patientId',
        details: { rule: 'SUSPENDED', until: '2027-02-28', lateCancels: 2, noShows: 0 },
      },
    })
    // When late cancels do not count, phone booking is open again.
    await clinic.host.must(ADMIN, 'policy.update', rules(false))
    await book('10:30', 3)
  })

  test('a reschedule inside the deadline is not a late cancel', async () => {
    clinic = await makeClinic({ doctors: 4 })
    await clinic.host.must(ADMIN, 'policy.update', rules(true))
    const a = await book('09:00', 0)
    clinic.clock.set('2026-11-30T02:00:00Z') // 10:00, inside the deadline
    const to = await slotAt(clinic.host, clinic.doctorIds[0]!, TOMORROW, '11:00')
    await clinic.host.must(RECEPTION, 'appointments.reschedule', {
      id: a.id,
      toSlotId: to.id,
      idempotencyKey: key(),
    })
    expect(await lateFlag(a.id)).toBeNull()
  })

  test('an admin lifts a suspension with a reason; the record shows the history; the lift is audited', async () => {
    clinic = await makeClinic({ doctors: 4 })
    await clinic.host.must(ADMIN, 'policy.update', rules(true))
    const a = await book('09:00', 0)
    const b = await book('09:30', 1)
    clinic.clock.set('2026-11-30T02:00:00Z') // 10:00: both cancels are late
    await cancel(a.id)
    await cancel(b.id)
    const patientId = clinic.patientIds[0]!
    const record = await clinic.host.must(RECEPTION, 'policy.record', { patientId })
    expect(record.suspendedUntil).toBe('2027-02-28')
    expect(record.events.map((e) => [e.kind, e.date, e.until])).toEqual([
      ['SUSPENDED', TODAY, '2027-02-28'],
      ['LATE_CANCEL', TODAY, null],
      ['LATE_CANCEL', TODAY, null],
    ])

    // Bad input and the desk change nothing.
    const before = await counts()
    expect(
      await clinic.host.call(ADMIN, 'policy.liftSuspension', { patientId, reason: '  ' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason' } })
    expect(
      await clinic.host.call(RECEPTION, 'policy.liftSuspension', { patientId, reason: '院长同意' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(
      await clinic.host.call(ADMIN, 'policy.liftSuspension', { patientId: 999_999, reason: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'patientId' } })
    expect(await counts()).toEqual(before)

    const lifted = await clinic.host.must(ADMIN, 'policy.liftSuspension', {
      patientId,
      reason: '院长同意',
    })
    expect(lifted.suspendedUntil).toBeNull()
    expect(lifted.events.slice(0, 2).map((e) => [e.kind, e.date, e.until, e.reason])).toEqual([
      ['LIFTED', TODAY, null, '院长同意'],
      ['SUSPENDED', TODAY, TODAY, null],
    ])
    const audit = await read()
      .selectFrom('audit_log')
      .select(['entity', 'after'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(audit.entity).toBe('suspension_lift')
    expect(JSON.parse(audit.after!)).toMatchObject({ patientId, reason: '院长同意' })
    // Phone booking is open again; a second lift has nothing to lift and changes nothing.
    await book('10:30', 3)
    const again = await counts()
    expect(
      await clinic.host.call(ADMIN, 'policy.liftSuspension', { patientId, reason: '再次' }),
    ).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION', field: 'patientId' } })
    expect(await counts()).toEqual(again)
  })
})
