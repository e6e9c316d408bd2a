import { afterEach, expect, test } from 'vitest'
import { DEFAULT_POLICY, INITIAL_POLICY, type BookingPolicy } from '../../src/shared/policy/rules'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, RECEPTION } from '../helpers/test-host'

// Issue 14: the booking path asks checkBookingPolicy with the rules from memory; a refusal is
// POLICY_REFUSED with the rule and its figures, and nothing is written.

forEachEngine(() => {
  let clinic: Clinic
  afterEach(() => clinic?.host.dispose())

  const only = (patch: Partial<BookingPolicy>): BookingPolicy => ({ ...INITIAL_POLICY, ...patch })
  // Rows of appointments, places booked, audit rows: a refusal leaves all three as they were.
  const counts = async () => {
    const read = clinic.host.database.read
    const a = await read
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const b = await read
      .selectFrom('doctor_schedules')
      .select((eb) => eb.fn.sum<number>('booked').as('n'))
      .executeTakeFirstOrThrow()
    const l = await read
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return [a.n, b.n, l.n].map(Number)
  }
  const book = async (date: string, time: string, patient = 0) => {
    const slot = await slotAt(clinic.host, clinic.doctorIds[0]!, date, time)
    return clinic.host.call(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: clinic.patientIds[patient]!,
      idempotencyKey: key(),
    })
  }

  test('未放号: refused until the minute of release, with the day and time it opens', async () => {
    clinic = await makeClinic()
    await clinic.host.must(ADMIN, 'policy.update', only({ release: DEFAULT_POLICY.release }))
    const before = await counts()
    // Monday 30 Nov 08:10: the 8 Dec band opens on 1 Dec at 07:00 (7 days ahead).
    expect(await book('2026-12-08', '09:00')).toMatchObject({
      ok: false,
      error: {
        code: 'POLICY_REFUSED',
        field: 'slotId',
        details: { rule: 'NOT_RELEASED', opensOn: '2026-12-01', opensAt: '07:00' },
      },
    })
    expect(await counts()).toEqual(before)
    clinic.clock.set('2026-11-30T22:59:00Z') // 1 Dec 06:59 in Shanghai
    expect(await book('2026-12-08', '09:00')).toMatchObject({ ok: false })
    clinic.clock.set('2026-11-30T23:00:00Z') // 07:00: released
    expect(await book('2026-12-08', '09:00')).toMatchObject({ ok: true })
  })

  test('same-day cut-off: the morning closes to phone bookings at its cut-off', async () => {
    clinic = await makeClinic()
    const cutoff = { ...DEFAULT_POLICY.cutoff, morning: '08:11' }
    await clinic.host.must(ADMIN, 'policy.update', only({ cutoff }))
    expect(await book(TODAY, '11:30')).toMatchObject({ ok: true }) // 08:10, the minute before
    clinic.clock.advance(60_000)
    expect(await book(TODAY, '11:30', 1)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_REFUSED', details: { rule: 'CUT_OFF', until: '08:11' } },
    })
  })

  test('live-booking limit and department age limit, on the patient', async () => {
    clinic = await makeClinic()
    await clinic.host.must(
      ADMIN,
      'policy.update',
      only({
        maxLive: { enabled: true, limit: 1 },
        departments: {
          enabled: true,
          limits: [{ department: '内科', minAge: 18, maxAgeBelow: null, sex: null }],
        },
      }),
    )
    expect(await book('2026-12-01', '09:00')).toMatchObject({ ok: true })
    expect(await book('2026-12-02', '09:00')).toMatchObject({
      ok: false,
      error: {
        code: 'POLICY_REFUSED',
        field: 'patientId',
        details: { rule: 'MAX_LIVE', limit: 1 },
      },
    })
    await clinic.host.must(ADMIN, 'policy.update', {
      ...only({}),
      departments: {
        enabled: true,
        limits: [{ department: '内科', minAge: null, maxAgeBelow: 14, sex: null }],
      },
    })
    expect(await book('2026-12-02', '09:00', 1)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_REFUSED', details: { rule: 'AGE_LIMIT', age: 46 } },
    })
  })

  test('with every switch off (a new clinic) booking is as before', async () => {
    clinic = await makeClinic()
    expect(await book('2026-12-20', '09:00')).toMatchObject({ ok: true })
  })

  test('walk-ins are not refused by release or cut-off, only by the department limits', async () => {
    clinic = await makeClinic()
    const cutoff = { ...DEFAULT_POLICY.cutoff, morning: '08:00' }
    await clinic.host.must(
      ADMIN,
      'policy.update',
      only({ release: DEFAULT_POLICY.release, cutoff }),
    )
    const walkIn = (patient: number) =>
      clinic.host.call(RECEPTION, 'appointments.walkIn', {
        scope: { doctorId: clinic.doctorIds[0]! },
        patientId: clinic.patientIds[patient]!,
        chiefComplaint: '',
        idempotencyKey: key(),
      })
    expect(await book(TODAY, '11:30')).toMatchObject({ error: { details: { rule: 'CUT_OFF' } } })
    expect(await walkIn(0)).toMatchObject({ ok: true })
    const women = { department: '内科', minAge: null, maxAgeBelow: null, sex: 'F' as const }
    await clinic.host.must(
      ADMIN,
      'policy.update',
      only({ departments: { enabled: true, limits: [women] } }),
    )
    // Patient 2 is male (makeClinic alternates M, F, M).
    expect(await walkIn(2)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_REFUSED', details: { rule: 'SEX_LIMIT' } },
    })
  })

  test('no-show by the clock: still on time at the last minute of grace, NO_SHOW at its end', async () => {
    clinic = await makeClinic()
    await clinic.host.must(
      ADMIN,
      'policy.update',
      only({ noShow: { enabled: true, graceMinutes: 30 } }),
    )
    const booked = await book(TODAY, '08:30')
    const late = await book(TODAY, '08:30', 1)
    if (!booked.ok || !late.ok) throw new Error('booking failed')
    clinic.clock.set('2026-11-30T00:59:00Z') // 08:59: within the grace of the 08:30 band
    expect(await clinic.host.must(ADMIN, 'policy.markNoShows', {})).toEqual({ marked: [] })
    await clinic.host.must(RECEPTION, 'appointments.checkIn', { id: late.value.id })
    clinic.clock.set('2026-11-30T01:00:00Z') // 09:00: grace over
    expect(await clinic.host.must(ADMIN, 'policy.markNoShows', {})).toEqual({
      marked: [booked.value.id],
    })
    const status = async (id: number) =>
      (
        await clinic.host.database.read
          .selectFrom('appointments')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status
    expect(await status(booked.value.id)).toBe('NO_SHOW')
    expect(await status(late.value.id)).toBe('CHECKED_IN')
  })
})
