import { afterEach, describe, expect, test } from 'vitest'
import {
  expectBookedMatches,
  key,
  makeClinic,
  slotAt,
  TODAY,
  type Clinic,
} from '../helpers/booking-fixture'
import { ADMIN, RECEPTION, doctorCaller, type TestHost } from '../helpers/test-host'
import { forEachEngine } from '../helpers/engines'
import { selectRows } from '../helpers/engine-sql'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

/** Every band of a doctor from..to as `date start status booked`, straight from the table. */
const bands = async (
  host: TestHost,
  doctorId: number,
  from: string,
  to: string,
): Promise<string[]> =>
  (
    await host.database.read
      .selectFrom('doctor_schedules')
      .select(['date', 'start_time', 'status', 'booked'])
      .where('doctor_id', '=', doctorId)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .orderBy('date')
      .orderBy('start_time')
      .execute()
  ).map((r) => `${r.date} ${r.start_time} ${r.status} ${r.booked}`)

/** The whole database as a string of its rows (sorted: PostgreSQL keeps no row order), to see that a refusal changed nothing. */
const checksum = async (host: TestHost): Promise<string> => {
  const tables = [
    'leaves',
    'leave_bands',
    'leave_appointments',
    'doctor_schedules',
    'appointments',
    'audit_log',
  ]
  const out: string[] = []
  for (const t of tables)
    out.push(
      JSON.stringify(
        (await selectRows(host, `SELECT * FROM ${t}`)).map((r) => JSON.stringify(r)).sort(),
      ),
    )
  return out.join('|')
}

/** A clinic whose first doctor also works afternoons (14:00–16:00, 4 bands). */
async function clinicWithAfternoons(): Promise<Clinic> {
  const c = await makeClinic({ doctors: 2, patients: 4 })
  for (const weekday of [1, 2, 3, 4, 5, 6, 7])
    await c.host.must(ADMIN, 'templates.save', {
      doctorId: c.doctorIds[0]!,
      weekday,
      startTime: '14:00',
      endTime: '16:00',
      slotMinutes: 30,
      quotaPerSlot: 4,
      walkInPerSlot: 1,
    })
  return c
}

const book = (c: Clinic, slotId: number, patient: number) =>
  c.host.must(RECEPTION, 'appointments.book', {
    slotId,
    patientId: c.patientIds[patient]!,
    idempotencyKey: key(),
  })

forEachEngine(() => {
  describe('leave', () => {
    test('a range closes every band of those days and lists the live bookings; the list shows it', async () => {
      clinic = await clinicWithAfternoons()
      const { host, doctorIds } = clinic
      const doc = doctorIds[0]!
      const a = await book(clinic, (await slotAt(host, doc, '2026-12-02', '09:00')).id, 0)
      const b = await book(clinic, (await slotAt(host, doc, '2026-12-03', '14:30')).id, 1)
      const r = await host.must(ADMIN, 'leave.create', {
        doctorId: doc,
        from: '2026-12-02',
        to: '2026-12-03',
        reason: '外出进修',
      })
      expect(r.closedSlots).toBe(2 * 12)
      expect(r.affectedAppointmentIds).toEqual([a.id, b.id])
      expect(r.leave).toMatchObject({
        doctorId: doc,
        from: '2026-12-02',
        to: '2026-12-03',
        session: 'ALL',
        state: 'ACTIVE',
        createdBy: 'test-admin',
        closedSlots: 24,
        affectedCount: 2,
      })
      expect(
        (await bands(host, doc, '2026-12-02', '2026-12-03')).every((s) => s.includes('CLOSED')),
      ).toBe(true)
      // The day before and after, and the other doctor, are untouched.
      expect(
        (await bands(host, doc, '2026-12-01', '2026-12-01')).some((s) => s.includes('CLOSED')),
      ).toBe(false)
      expect(
        (await bands(host, doctorIds[1]!, '2026-12-02', '2026-12-03')).some((s) =>
          s.includes('CLOSED'),
        ),
      ).toBe(false)
      expect(await host.must(RECEPTION, 'leave.list', {})).toEqual([r.leave])
      expect(await host.must(RECEPTION, 'leave.list', { doctorId: doctorIds[1]! })).toEqual([])
      expect(await host.must(RECEPTION, 'leave.list', { from: '2026-12-04' })).toEqual([])
      const affected = await host.must(RECEPTION, 'leave.affected', { id: r.leave.id })
      expect(
        affected.bookings.map((x) => [x.patientId, x.date, x.startTime, x.outcome, x.movedTo]),
      ).toEqual([
        [clinic.patientIds[0], '2026-12-02', '09:00', 'TO_CALL', null],
        [clinic.patientIds[1], '2026-12-03', '14:30', 'TO_CALL', null],
      ])
    })

    test('a session-only leave closes only that session, and its days get no bands of it when generated', async () => {
      clinic = await clinicWithAfternoons()
      const { host, doctorIds } = clinic
      const doc = doctorIds[0]!
      const before = await bands(host, doc, '2026-12-02', '2026-12-02')
      const r = await host.must(ADMIN, 'leave.create', {
        doctorId: doc,
        from: '2026-12-02',
        to: '2026-12-02',
        session: 'PM',
        reason: '下午开会',
      })
      expect(r.closedSlots).toBe(4)
      const after = await bands(host, doc, '2026-12-02', '2026-12-02')
      expect(after.filter((s) => s.includes('CLOSED'))).toEqual([
        '2026-12-02 14:00 CLOSED 0',
        '2026-12-02 14:30 CLOSED 0',
        '2026-12-02 15:00 CLOSED 0',
        '2026-12-02 15:30 CLOSED 0',
      ])
      expect(after.slice(0, 8)).toEqual(before.slice(0, 8))
      // Beyond the horizon: the morning is generated when the day comes in, the afternoon is not.
      await host.must(ADMIN, 'leave.create', {
        doctorId: doc,
        from: '2027-01-10',
        to: '2027-01-11',
        session: 'AM',
        reason: '上午休',
      })
      await host.must(ADMIN, 'settings.update', { horizonDays: 60 })
      await host.must(ADMIN, 'schedules.generate', {})
      expect(await bands(host, doc, '2027-01-10', '2027-01-11')).toEqual(
        ['2027-01-10', '2027-01-11'].flatMap((d) =>
          ['14:00', '14:30', '15:00', '15:30'].map((t) => `${d} ${t} AVAILABLE 0`),
        ),
      )
      expect(await bands(host, doc, '2027-01-12', '2027-01-12')).toHaveLength(12)
    })

    test('reopen puts bands back exactly; moved bookings stay moved; canceled ones are the call-back list', async () => {
      clinic = await clinicWithAfternoons()
      const { host, doctorIds } = clinic
      const [doc, other] = [doctorIds[0]!, doctorIds[1]!]
      // One band made to hold a single place, so that its booking stores BOOKED.
      const full = await slotAt(host, doc, '2026-12-02', '10:00')
      await host.database.units.db
        .updateTable('doctor_schedules')
        .set({ quota: 1, walk_in_reserved: 0 })
        .where('id', '=', full.id)
        .execute()
      const stay = await book(clinic, full.id, 0)
      const move = await book(clinic, (await slotAt(host, doc, '2026-12-02', '08:30')).id, 1)
      const cancel = await book(clinic, (await slotAt(host, doc, '2026-12-02', '09:00')).id, 2)
      const before = await bands(host, doc, '2026-12-01', '2026-12-04')
      expect(before).toContain('2026-12-02 10:00 BOOKED 1')
      const { leave } = await host.must(ADMIN, 'leave.create', {
        doctorId: doc,
        from: '2026-12-02',
        to: '2026-12-03',
        reason: '外出',
      })
      const moved = await host.must(RECEPTION, 'appointments.reschedule', {
        id: move.id,
        toSlotId: (await slotAt(host, other, '2026-12-02', '08:30')).id,
        idempotencyKey: key(),
      })
      await host.must(RECEPTION, 'appointments.cancel', {
        id: cancel.id,
        reason: '停诊，已电话通知',
      })
      expect(
        (await host.must(ADMIN, 'leave.affected', { id: leave.id })).bookings.map((b) => b.outcome),
      ).toEqual(['MOVED', 'CANCELED', 'TO_CALL'])

      const r = await host.must(ADMIN, 'leave.reopen', { id: leave.id })
      expect(r.leave).toMatchObject({ state: 'REOPENED', reopenedBy: 'test-admin' })
      expect(r.reopenedSlots).toBe(24)
      expect(r.callBack.map((b) => [b.appointmentId, b.outcome, b.cancelReason])).toEqual([
        [cancel.id, 'CALL_BACK', '停诊，已电话通知'],
      ])
      // Bands as they were, but for the places the moved and the canceled booking gave up.
      expect(await bands(host, doc, '2026-12-01', '2026-12-04')).toEqual(
        before.map((s) =>
          s === '2026-12-02 08:30 AVAILABLE 1' || s === '2026-12-02 09:00 AVAILABLE 1'
            ? s.replace(' 1', ' 0')
            : s,
        ),
      )
      const affected = await host.must(ADMIN, 'leave.affected', { id: leave.id })
      expect(affected.bookings.map((b) => [b.appointmentId, b.outcome])).toEqual([
        [move.id, 'MOVED'],
        [cancel.id, 'CALL_BACK'],
        [stay.id, 'KEPT'],
      ])
      expect(affected.bookings[0]!.movedTo).toMatchObject({
        appointmentId: moved.id,
        doctorId: other,
        startTime: '08:30',
      })
      expect(await host.must(ADMIN, 'appointments.get', { id: moved.id })).toMatchObject({
        status: 'CONFIRMED',
        doctorId: other,
      })
      expect(await host.must(ADMIN, 'leave.list', {})).toEqual([])
      expect(await host.must(ADMIN, 'leave.list', { includeReopened: true })).toEqual([r.leave])
      expect(await host.call(ADMIN, 'leave.reopen', { id: leave.id })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
      await expectBookedMatches(host)
    })

    test('reopening one of two overlapping leaves, or under a holiday, keeps the bands the others still close', async () => {
      clinic = await clinicWithAfternoons()
      const { host, doctorIds } = clinic
      const doc = doctorIds[0]!
      const week = await host.must(ADMIN, 'leave.create', {
        doctorId: doc,
        from: '2026-12-01',
        to: '2026-12-04',
        reason: '休假',
      })
      const pm = await host.must(ADMIN, 'leave.create', {
        doctorId: doc,
        from: '2026-12-02',
        to: '2026-12-02',
        session: 'PM',
        reason: '会诊',
      })
      expect(pm.closedSlots).toBe(0)
      await host.must(ADMIN, 'holidays.set', { date: '2026-12-04', name: '院庆' })
      await host.must(ADMIN, 'leave.reopen', { id: week.leave.id })
      const open = async (d: string) =>
        (await bands(host, doc, d, d)).filter((s) => !s.includes('CLOSED')).length
      expect(
        await Promise.all([
          open('2026-12-01'),
          open('2026-12-02'),
          open('2026-12-03'),
          open('2026-12-04'),
        ]),
      ).toEqual([12, 8, 12, 0])
      // The afternoon leave, reopened in its turn, opens its bands although it had not closed them.
      await host.must(ADMIN, 'leave.reopen', { id: pm.leave.id })
      expect(await open('2026-12-02')).toBe(12)
      // A holiday removed does not open what an active leave closes.
      await host.must(ADMIN, 'leave.create', {
        doctorId: doc,
        from: '2026-12-04',
        to: '2026-12-04',
        session: 'AM',
        reason: '上午休',
      })
      await host.must(ADMIN, 'holidays.remove', { date: '2026-12-04' })
      expect(await open('2026-12-04')).toBe(4)
    })

    test('reopen generates the bands a leave kept from being made', async () => {
      clinic = await clinicWithAfternoons()
      const { host, doctorIds } = clinic
      const doc = doctorIds[0]!
      await host.must(ADMIN, 'settings.update', { horizonDays: 60 })
      const { leave } = await host.must(ADMIN, 'leave.create', {
        doctorId: doc,
        from: '2027-01-20',
        to: '2027-01-21',
        reason: '休假',
      })
      await host.must(ADMIN, 'schedules.generate', {})
      expect(await bands(host, doc, '2027-01-20', '2027-01-21')).toEqual([])
      expect((await host.must(ADMIN, 'leave.reopen', { id: leave.id })).reopenedSlots).toBe(24)
      expect(await bands(host, doc, '2027-01-20', '2027-01-21')).toHaveLength(24)
    })

    test('schedules.closeDay is a one-day leave, listed and undone like one', async () => {
      clinic = await makeClinic()
      const { host, doctorIds } = clinic
      const r = await host.must(ADMIN, 'schedules.closeDay', {
        doctorId: doctorIds[0]!,
        date: TODAY,
        reason: '病假',
      })
      expect(r).toEqual({ closedSlots: 8, affectedAppointmentIds: [] })
      const [leave] = await host.must(ADMIN, 'leave.list', {})
      expect(leave).toMatchObject({ from: TODAY, to: TODAY, session: 'ALL', reason: '病假' })
      await host.must(ADMIN, 'leave.reopen', { id: leave!.id })
      expect(
        (await bands(host, doctorIds[0]!, TODAY, TODAY)).every((s) => s.includes('AVAILABLE')),
      ).toBe(true)
    })

    test('bad input: inverted range, past day, too long, unknown doctor or leave; nothing changes', async () => {
      clinic = await makeClinic()
      const { host, doctorIds } = clinic
      const base = { doctorId: doctorIds[0]!, from: '2026-12-02', to: '2026-12-03', reason: '外出' }
      const before = await checksum(host)
      const cases: [Record<string, unknown>, string, string][] = [
        [{ ...base, to: '2026-12-01' }, 'INVALID_INPUT', 'to'],
        [{ ...base, from: '2026-11-29', to: '2026-11-30' }, 'INVALID_INPUT', 'from'],
        [{ ...base, to: '2027-03-05' }, 'INVALID_INPUT', 'to'],
        [{ ...base, session: 'EVENING' }, 'INVALID_INPUT', 'session'],
        [{ ...base, reason: ' ' }, 'INVALID_INPUT', 'reason'],
        [{ ...base, extra: 1 }, 'INVALID_INPUT', ''],
        [{ ...base, doctorId: 9999 }, 'NOT_FOUND', 'doctorId'],
      ]
      for (const [input, code, field] of cases) {
        const r = await host.dispatch(ADMIN, 'leave.create', input)
        expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } })
        if (field && !r.ok) expect(r.error.field).toBe(field)
      }
      expect(
        await host.call(ADMIN, 'schedules.closeDay', {
          doctorId: doctorIds[0]!,
          date: '2026-11-29',
          reason: '外出',
        }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'from' } })
      for (const m of ['leave.reopen', 'leave.affected'] as const)
        expect(await host.call(ADMIN, m, { id: 9999 })).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND', field: 'id' },
        })
      expect(await checksum(host)).toBe(before)
    })

    test('roles: reception and admin read; only admin makes or reopens; doctors and displays neither', async () => {
      clinic = await makeClinic()
      const { host, doctorIds } = clinic
      const input = { doctorId: doctorIds[0]!, from: TODAY, to: TODAY, reason: '外出' }
      expect(await host.call(RECEPTION, 'leave.create', input)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
      expect(await host.call(doctorCaller(doctorIds[0]!), 'leave.list', {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
      const { leave } = await host.must(ADMIN, 'leave.create', input)
      expect(await host.call(RECEPTION, 'leave.reopen', { id: leave.id })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
      expect(await host.call(RECEPTION, 'leave.affected', { id: leave.id })).toMatchObject({
        ok: true,
      })
    })
  })
})
