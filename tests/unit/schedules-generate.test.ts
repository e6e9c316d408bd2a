import { sql } from 'kysely'
import { afterEach, expect, test } from 'vitest'
import { forEachEngine } from '../helpers/engines'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import type { EngineKind } from '../../src/main/db/units'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

/** Bands matching a condition written as SQL both engines read. */
const count = async (c: Clinic, where = 'TRUE'): Promise<number> => {
  const { n } = await c.host.database.read
    .selectFrom('doctor_schedules')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(sql<boolean>`${sql.raw(where)}`)
    .executeTakeFirstOrThrow()
  return Number(n) // PostgreSQL's count is a bigint, which arrives as a string
}

/**
 * Counts the rows INSERTs try on doctor_schedules: a BEFORE INSERT row trigger fires for every row
 * an INSERT tries, even one ON CONFLICT DO NOTHING drops. SQLite: a temp table and trigger on the
 * writer's connection; PostgreSQL (no temp triggers): a plain table in the throw-away database.
 */
async function countTries(c: Clinic, engine: EngineKind): Promise<() => Promise<number>> {
  const db = c.host.database.units.db
  if (engine === 'sqlite') {
    const { sqlite } = c.host.database
    sqlite.exec(`
      CREATE TEMP TABLE tried (n INTEGER);
      INSERT INTO temp.tried VALUES (0);
      CREATE TEMP TRIGGER count_tries BEFORE INSERT ON main.doctor_schedules
        BEGIN UPDATE temp.tried SET n = n + 1; END;`)
    return async () => (sqlite.prepare('SELECT n FROM temp.tried').get() as { n: number }).n
  }
  await sql`CREATE TABLE tried (n INTEGER)`.execute(db)
  await sql`INSERT INTO tried VALUES (0)`.execute(db)
  await sql`CREATE FUNCTION count_tries() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN UPDATE tried SET n = n + 1; RETURN NEW; END $$`.execute(db)
  await sql`CREATE TRIGGER count_tries BEFORE INSERT ON doctor_schedules
    FOR EACH ROW EXECUTE FUNCTION count_tries()`.execute(db)
  return async () => {
    const { rows } = await sql<{ n: number }>`SELECT n FROM tried`.execute(db)
    return rows[0]!.n
  }
}

forEachEngine((engine) => {
  test('sessions make 30-minute bands for the 28-day horizon; re-running creates nothing twice', async () => {
    clinic = await makeClinic({ doctors: 2 })
    expect(await count(clinic)).toBe(2 * 28 * 8)
    expect(await count(clinic, `date = '2026-12-27'`)).toBe(16)
    expect(await count(clinic, `date = '2026-12-28'`)).toBe(0)
    expect(await clinic.host.must(ADMIN, 'schedules.generate', {})).toEqual({ created: 0 })
    const bands = await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
      doctorId: clinic.doctorIds[0]!,
      date: TODAY,
    })
    expect(bands.map((b) => `${b.startTime}-${b.endTime}`)).toEqual([
      '08:00-08:30',
      '08:30-09:00',
      '09:00-09:30',
      '09:30-10:00',
      '10:00-10:30',
      '10:30-11:00',
      '11:00-11:30',
      '11:30-12:00',
    ])
    expect(bands[0]).toMatchObject({ past: false, placesLeft: 3 }) // 08:10: the 08:00 band is still on
    clinic.clock.set('2026-12-01T00:00:00Z')
    expect(await clinic.host.must(ADMIN, 'schedules.generate', {})).toEqual({ created: 2 * 8 })
  })

  test('templates: overlap refused, bad shapes refused, a new session generates at once', async () => {
    clinic = await makeClinic()
    const { host, doctorIds } = clinic
    const base = {
      doctorId: doctorIds[0]!,
      weekday: 1,
      slotMinutes: 30,
      quotaPerSlot: 4,
      walkInPerSlot: 0,
    }
    expect(
      await host.call(ADMIN, 'templates.save', { ...base, startTime: '11:00', endTime: '13:00' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(
      await host.call(ADMIN, 'templates.save', { ...base, startTime: '14:00', endTime: '14:00' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'endTime' } })
    expect(
      await host.call(ADMIN, 'templates.save', { ...base, startTime: '14:00', endTime: '14:20' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'slotMinutes' } })
    expect(
      await host.call(ADMIN, 'templates.save', {
        ...base,
        startTime: '14:00',
        endTime: '15:00',
        walkInPerSlot: 5,
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'walkInPerSlot' } })
    expect(
      await host.call(RECEPTION, 'templates.save', {
        ...base,
        startTime: '14:00',
        endTime: '15:00',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const t = await host.must(ADMIN, 'templates.save', {
      ...base,
      startTime: '14:00',
      endTime: '17:30',
    })
    expect(
      (
        await host.must(RECEPTION, 'slots.forDoctorDay', {
          doctorId: doctorIds[0]!,
          date: '2026-12-07',
        })
      ).length,
    ).toBe(8 + 7)
    expect((await host.must(RECEPTION, 'templates.list', { doctorId: doctorIds[0]! })).length).toBe(
      8,
    )
    expect(await host.must(ADMIN, 'templates.remove', { id: t.id })).toEqual({ removed: true })
    expect(
      (
        await host.must(RECEPTION, 'slots.forDoctorDay', {
          doctorId: doctorIds[0]!,
          date: '2026-12-07',
        })
      ).length,
    ).toBe(15)
  })

  test('停诊 closes a doctor-day and lists the live appointments; a leave day set ahead gets no bands', async () => {
    clinic = await makeClinic({ doctors: 2 })
    const { host, doctorIds, patientIds } = clinic
    const slot = await slotAt(host, doctorIds[0]!, '2026-12-02', '09:00')
    const a = await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    const r = await host.must(ADMIN, 'schedules.closeDay', {
      doctorId: doctorIds[0]!,
      date: '2026-12-02',
      reason: '外出会诊',
    })
    expect(r).toEqual({ closedSlots: 8, affectedAppointmentIds: [a.id] })
    expect(
      (
        await host.must(RECEPTION, 'slots.forDoctorDay', {
          doctorId: doctorIds[0]!,
          date: '2026-12-02',
        })
      ).every((s) => s.status === 'CLOSED' && s.placesLeft === 0),
    ).toBe(true)
    expect(await host.must(RECEPTION, 'appointments.get', { id: a.id })).toMatchObject({
      status: 'CONFIRMED',
    })
    await host.must(ADMIN, 'settings.update', { horizonDays: 60 })
    await host.must(ADMIN, 'schedules.closeDay', {
      doctorId: doctorIds[0]!,
      date: '2027-01-15',
      reason: '休假',
    })
    await host.must(ADMIN, 'schedules.generate', {})
    expect(await count(clinic, `date = '2027-01-15'`)).toBe(8)
    expect(await count(clinic, `date = '2027-01-15' AND doctor_id = ${doctorIds[0]}`)).toBe(0)
  })

  test('a clinic holiday closes every band of the day, gets none when generated, and reopens when removed', async () => {
    clinic = await makeClinic({ doctors: 2 })
    const { host, doctorIds, patientIds } = clinic
    await host.must(ADMIN, 'settings.update', { horizonDays: 60 })
    await host.must(ADMIN, 'holidays.set', { date: '2027-01-01', name: '元旦' })
    await host.must(ADMIN, 'schedules.generate', {})
    expect(await count(clinic, `date = '2027-01-01'`)).toBe(0)
    const slot = await slotAt(host, doctorIds[1]!, '2026-12-10', '09:00')
    const a = await host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: patientIds[0]!,
      idempotencyKey: key(),
    })
    expect(await host.must(ADMIN, 'holidays.set', { date: '2026-12-10', name: '院庆' })).toEqual({
      date: '2026-12-10',
      name: '院庆',
      affectedAppointmentIds: [a.id],
    })
    expect(await count(clinic, `date = '2026-12-10' AND status <> 'CLOSED'`)).toBe(0)
    expect(await host.must(RECEPTION, 'holidays.list', {})).toEqual([
      { date: '2026-12-10', name: '院庆' },
      { date: '2027-01-01', name: '元旦' },
    ])
    expect(
      await host.must(RECEPTION, 'slots.calendar', {
        scope: { doctorId: doctorIds[0]! },
        from: '2026-12-31',
        to: '2027-01-01',
      }),
    ).toEqual([
      { date: '2026-12-31', placesLeft: 8 * 3, quota: 8 * 4, closed: false },
      { date: '2027-01-01', placesLeft: 0, quota: 0, closed: true },
    ])
    expect(await host.must(ADMIN, 'holidays.remove', { date: '2027-01-01' })).toEqual({
      removed: true,
    })
    expect(await count(clinic, `date = '2027-01-01'`)).toBe(16)
    await host.must(ADMIN, 'holidays.remove', { date: '2026-12-10' })
    expect(await slotAt(host, doctorIds[1]!, '2026-12-10', '09:00')).toMatchObject({
      status: 'AVAILABLE',
      booked: 1,
    })
  })

  test('calendar and department day: places a phone booking can take, per day', async () => {
    clinic = await makeClinic({ doctors: 2, start: '2026-11-30T02:10:00Z' }) // 10:10: four bands over, 10:00 still on
    const { host, doctorIds, departmentId } = clinic
    await host.must(ADMIN, 'schedules.closeDay', {
      doctorId: doctorIds[0]!,
      date: '2026-12-01',
      reason: '休',
    })
    await host.must(ADMIN, 'schedules.closeDay', {
      doctorId: doctorIds[1]!,
      date: '2026-12-01',
      reason: '休',
    })
    const days = await host.must(RECEPTION, 'slots.calendar', {
      scope: { departmentId },
      from: TODAY,
      to: '2026-12-02',
    })
    expect(days).toEqual([
      { date: TODAY, placesLeft: 2 * 4 * 3, quota: 2 * 8 * 4, closed: false },
      { date: '2026-12-01', placesLeft: 0, quota: 2 * 8 * 4, closed: true },
      { date: '2026-12-02', placesLeft: 2 * 8 * 3, quota: 2 * 8 * 4, closed: false },
    ])
    expect(
      await host.call(RECEPTION, 'slots.calendar', {
        scope: { doctorId: doctorIds[0]! },
        from: TODAY,
        to: '2027-03-01',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'to' } })
    const dept = await host.must(RECEPTION, 'slots.forDepartmentDay', { departmentId, date: TODAY })
    expect(dept.map((d) => [d.doctorId, d.slots.length])).toEqual(doctorIds.map((id) => [id, 8]))
  })

  test('settings: defaults, partial update, an unknown zone refused, today in the clinic zone', async () => {
    clinic = await makeClinic({ start: '2026-11-30T17:00:00Z' }) // 01:00 on 1 Dec in Shanghai
    const { host } = clinic
    expect(await host.must(RECEPTION, 'settings.get', {})).toMatchObject({
      today: '2026-12-01',
      settings: { timeZone: 'Asia/Shanghai', horizonDays: 28, skipLimit: 2 },
    })
    expect(await host.call(ADMIN, 'settings.update', { timeZone: 'Mars/Olympus' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'timeZone' },
    })
    expect(await host.call(RECEPTION, 'settings.update', { skipLimit: 3 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(
      await host.must(ADMIN, 'settings.update', { timeZone: 'Europe/London', skipLimit: 3 }),
    ).toMatchObject({ timeZone: 'Europe/London', skipLimit: 3, horizonDays: 28 })
    expect(await host.must(RECEPTION, 'settings.get', {})).toMatchObject({
      today: '2026-11-30',
      settings: { skipLimit: 3 },
    })
  })

  test('a second generate over a full horizon creates nothing and runs no insert; a new day gets only its own bands', async () => {
    clinic = await makeClinic({ doctors: 2 })
    const tried = await countTries(clinic, engine)
    expect(await clinic.host.must(ADMIN, 'schedules.generate', {})).toEqual({ created: 0 })
    expect(await tried()).toBe(0)
    const audited = (await clinic.host.must(ADMIN, 'audit.list', { action: 'schedules.generate' }))
      .rows.length

    clinic.clock.set('2026-12-01T00:00:00Z') // one more day enters the horizon
    expect(await clinic.host.must(ADMIN, 'schedules.generate', {})).toEqual({ created: 2 * 8 })
    expect(await tried()).toBe(2 * 8)
    expect(await count(clinic, `date = '2026-12-28'`)).toBe(2 * 8)
    expect(
      (await clinic.host.must(ADMIN, 'audit.list', { action: 'schedules.generate' })).rows,
    ).toHaveLength(audited + 1)
  })
})
