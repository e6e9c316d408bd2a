import { afterEach, beforeEach, expect, test } from 'vitest'
import type { PublishedEvent } from '../../src/main/host/event-bus'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, doctorCaller, RECEPTION } from '../helpers/test-host'
import { forEachEngine } from '../helpers/engines'
import { countRows, selectRows } from '../helpers/engine-sql'

let clinic: Clinic
let events: PublishedEvent[]
beforeEach(async () => {
  clinic = await makeClinic({ doctors: 2, patients: 3 })
  events = []
  clinic.host.bus.subscribe((e) => void events.push(e))
})
afterEach(() => clinic.host.dispose())

const rows = <R = unknown>(text: string) => selectRows<R>(clinic.host, text)
const snapshot = async () => ({
  patients: await rows('select * from patients order by id'),
  appointments: await rows('select * from appointments order by id'),
  archive: await rows('select * from appointments_archive order by id'),
  audit: await countRows(clinic.host, 'audit_log'),
})

async function book(patientId: number, doctor: number, date: string, time: string) {
  const { host, doctorIds } = clinic
  return host.must(RECEPTION, 'appointments.book', {
    slotId: (await slotAt(host, doctorIds[doctor]!, date, time)).id,
    patientId,
    idempotencyKey: key(),
  })
}

forEachEngine(() => {
  test('moves live and archived appointments, fills blanks, retires the other, audits and publishes', async () => {
    const { host, doctorIds, patientIds } = clinic
    const [keep, retire] = [patientIds[0]!, patientIds[1]!]
    const extra = await host.must(RECEPTION, 'patients.register', {
      name: '张小乙',
      sex: 'M',
      phone: '13800138000',
      idNumber: '110105198006150018',
      note: '青霉素过敏',
    })
    // An old visit of the retired record, archived; a live one next week, one today (two days on).
    const old = await book(extra.id, 0, TODAY, '10:00')
    await host.must(RECEPTION, 'appointments.cancel', { id: old.id, reason: '出差' })
    const later = await book(extra.id, 0, '2026-12-07', '09:00')
    const mine = await book(keep, 0, '2026-12-02', '11:00')
    void retire
    clinic.clock.set('2026-12-02T00:10:00Z')
    await host.must(ADMIN, 'settings.update', { archiveAfterDays: 1 })
    expect(await host.must(ADMIN, 'appointments.archive', {})).toEqual({ archived: 1 })
    const today = await book(extra.id, 1, '2026-12-02', '11:00')
    events.length = 0

    const merged = await host.must(ADMIN, 'patients.merge', {
      keepId: keep,
      retireId: extra.id,
      reason: '同一人重复建档',
    })
    expect(merged).toMatchObject({
      retiredId: extra.id,
      movedLive: 2,
      movedArchived: 1,
      filled: ['phone', 'idNumber', 'note'],
      kept: {
        id: keep,
        name: '张小一',
        sex: 'M',
        birthDate: '1980-06-15',
        phone: '13800138000',
        idNumber: '110105198006150018',
        note: '青霉素过敏',
      },
    })
    expect(await host.must(RECEPTION, 'patients.get', { id: keep })).toEqual(merged.kept)

    // Every appointment, live and archived, now belongs to the kept record.
    const history = await host.must(RECEPTION, 'patients.history', { patientId: keep })
    expect(history.map((a) => a.id).sort()).toEqual([old.id, today.id, later.id, mine.id].sort())
    expect(history.every((a) => a.patientId === keep)).toBe(true)
    expect(await countRows(host, 'appointments', `patient_id = ${extra.id}`)).toBe(0)
    expect(await countRows(host, 'appointments_archive', `patient_id = ${extra.id}`)).toBe(0)

    // The retired record stays, points at the kept one, let go of its ID number, and is found no more.
    expect(
      (
        await rows(
          `select merged_into, merged_at, id_number, name from patients where id = ${extra.id}`,
        )
      )[0],
    ).toEqual({
      merged_into: keep,
      merged_at: '2026-12-02T00:10:00.000Z',
      id_number: null,
      name: '张小乙',
    })
    expect(await host.call(RECEPTION, 'patients.get', { id: extra.id })).toMatchObject({
      ok: false,
      error: { code: 'PATIENT_MERGED', field: 'id', details: { mergedInto: keep } },
    })
    for (const q of ['张小乙', '小乙', 'zxy', '8000', '13800138000']) {
      const hits = await host.must(RECEPTION, 'patients.search', { q })
      expect(
        hits.map((h) => h.id),
        q,
      ).not.toContain(extra.id)
    }
    expect((await host.must(RECEPTION, 'patients.search', { q: '8000' })).map((h) => h.id)).toEqual(
      [keep],
    )

    // Booking the retired record is refused; the kept one books as before.
    expect(
      await host.call(RECEPTION, 'appointments.book', {
        slotId: (await slotAt(host, doctorIds[1]!, '2026-12-02', '09:00')).id,
        patientId: extra.id,
        idempotencyKey: key(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'PATIENT_MERGED', details: { mergedInto: keep } } })

    // Audit: both records, before and after, with the reason, in the merge's transaction.
    const audit = await rows<{ entity: string; entity_id: number; before: string; after: string }>(
      "select entity, entity_id, before, after from audit_log where action = 'patients.merge' order by id",
    )
    expect(audit.map((a) => [a.entity, a.entity_id])).toEqual([
      ['patient', extra.id],
      ['patient', keep],
    ])
    expect(JSON.parse(audit[0]!.after)).toMatchObject({
      mergedInto: keep,
      reason: '同一人重复建档',
    })
    expect(JSON.parse(audit[1]!.after)).toMatchObject({
      mergedFrom: extra.id,
      movedLive: 2,
      movedArchived: 1,
    })
    expect(JSON.parse(audit[1]!.before)).toMatchObject({ phone: null, idNumber: null })

    // Events after commit: each doctor-day with a moved booking, and the merge itself.
    expect(events.map((e) => [e.event, e.payload])).toEqual([
      [
        'appointments.changed',
        { doctorId: doctorIds[0], date: '2026-12-07', appointmentIds: [later.id] },
      ],
      [
        'appointments.changed',
        { doctorId: doctorIds[1], date: '2026-12-02', appointmentIds: [today.id] },
      ],
      ['display.changed', { doctorId: doctorIds[1] }],
      ['patients.merged', { keptId: keep, retiredId: extra.id }],
    ])
  })

  test('a late retry of a booking made for the retired record returns its first result', async () => {
    const { host, doctorIds, patientIds } = clinic
    const slotId = (await slotAt(host, doctorIds[0]!, '2026-12-02', '09:00')).id
    const idempotencyKey = key()
    const first = await host.must(RECEPTION, 'appointments.book', {
      slotId,
      patientId: patientIds[1]!,
      idempotencyKey,
    })
    await host.must(ADMIN, 'patients.merge', {
      keepId: patientIds[0]!,
      retireId: patientIds[1]!,
      reason: '重复',
    })
    const again = await host.must(RECEPTION, 'appointments.book', {
      slotId,
      patientId: patientIds[1]!,
      idempotencyKey,
    })
    expect(again).toMatchObject({ id: first.id, patientId: patientIds[0] })
    expect(await countRows(host, 'appointments')).toBe(1)
    // A third record with the key still is another patient's.
    expect(
      await host.call(RECEPTION, 'appointments.book', {
        slotId,
        patientId: patientIds[2]!,
        idempotencyKey,
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'idempotencyKey' } })
  })

  test('a record merged earlier follows the next merge: no chains', async () => {
    const { host, patientIds } = clinic
    const [a, b, c] = patientIds as [number, number, number]
    await host.must(ADMIN, 'patients.merge', { keepId: b, retireId: a, reason: '重复' })
    await host.must(ADMIN, 'patients.merge', { keepId: c, retireId: b, reason: '重复' })
    expect(await rows('select id, merged_into from patients order by id')).toEqual([
      { id: a, merged_into: c },
      { id: b, merged_into: c },
      { id: c, merged_into: null },
    ])
  })

  test('self-merge, unknown ids, a retired record and a clashing live booking are refused, nothing changed', async () => {
    const { host, patientIds } = clinic
    const [a, b, c] = patientIds as [number, number, number]
    await book(a, 0, '2026-12-03', '09:00')
    const clash = await book(b, 0, '2026-12-03', '10:00')
    await book(b, 1, '2026-12-03', '10:00') // another doctor: no clash
    await host.must(ADMIN, 'patients.merge', { keepId: a, retireId: c, reason: '重复' })
    const before = await snapshot()
    events.length = 0

    const refusals = [
      [
        { keepId: a, retireId: a, reason: 'x' },
        { code: 'INVALID_INPUT', field: 'retireId' },
      ],
      [
        { keepId: a, retireId: 999, reason: 'x' },
        { code: 'NOT_FOUND', field: 'retireId' },
      ],
      [
        { keepId: 999, retireId: b, reason: 'x' },
        { code: 'NOT_FOUND', field: 'keepId' },
      ],
      [
        { keepId: b, retireId: c, reason: 'x' },
        { code: 'PATIENT_MERGED', field: 'retireId', details: { mergedInto: a } },
      ],
      [
        { keepId: c, retireId: b, reason: 'x' },
        { code: 'PATIENT_MERGED', field: 'keepId' },
      ],
      [
        { keepId: a, retireId: b, reason: '' },
        { code: 'INVALID_INPUT', field: 'reason' },
      ],
      [{ keepId: a, retireId: b, reason: 'x', extra: 1 }, { code: 'INVALID_INPUT' }],
      [
        { keepId: a, retireId: b, reason: 'x' },
        {
          code: 'ALREADY_BOOKED',
          field: 'retireId',
          details: {
            clashes: [{ date: '2026-12-03', doctorName: '医生1', retiredAppointmentId: clash.id }],
          },
        },
      ],
    ] as const
    for (const [input, error] of refusals) {
      const result = await host.call(ADMIN, 'patients.merge', input as never)
      expect(result.ok ? 'ok' : result.error, JSON.stringify(input)).toMatchObject(error)
    }
    const sentence = await host.call(ADMIN, 'patients.merge', {
      keepId: a,
      retireId: b,
      reason: 'x',
    })
    expect(sentence.ok ? '' : sentence.error.message).toMatch(
      /医生1 on 2026-12-03 .*Cancel or move one of them/,
    )
    expect(await snapshot()).toEqual(before)
    expect(events).toEqual([])

    // Once one of the pair is canceled, the merge goes through.
    await host.must(RECEPTION, 'appointments.cancel', { id: clash.id, reason: '重复预约' })
    expect(
      await host.must(ADMIN, 'patients.merge', { keepId: a, retireId: b, reason: 'x' }),
    ).toMatchObject({
      movedLive: 2,
    })
  })

  test('with the one-per-doctor-per-day rule off, two live bookings of the same doctor-day may merge', async () => {
    const { host, patientIds } = clinic
    const [a, b] = patientIds as [number, number]
    await host.must(ADMIN, 'settings.update', { onePerDoctorPerDay: false })
    await book(a, 0, '2026-12-03', '09:00')
    await book(b, 0, '2026-12-03', '10:00')
    expect(
      await host.must(ADMIN, 'patients.merge', { keepId: a, retireId: b, reason: 'x' }),
    ).toMatchObject({
      movedLive: 1,
    })
  })

  test('an ID number that disagrees with the kept record stays behind; nothing else blocks the merge', async () => {
    const { host, patientIds } = clinic
    const other = await host.must(RECEPTION, 'patients.register', {
      name: '张小乙',
      sex: 'F',
      idNumber: '11010519491231002X',
    })
    const result = await host.must(ADMIN, 'patients.merge', {
      keepId: patientIds[0]!,
      retireId: other.id,
      reason: 'x',
    })
    expect(result.filled).toEqual([])
    expect(result.kept).toMatchObject({ sex: 'M', birthDate: '1980-06-15', idNumber: null })
    expect((await rows(`select id_number from patients where id = ${other.id}`))[0]).toEqual({
      id_number: '11010519491231002X',
    })
  })

  test('only the admin may merge', async () => {
    const { host, doctorIds, patientIds } = clinic
    const before = await snapshot()
    for (const caller of [RECEPTION, doctorCaller(doctorIds[0]!)]) {
      const result = await host.call(caller, 'patients.merge', {
        keepId: patientIds[0]!,
        retireId: patientIds[1]!,
        reason: 'x',
      })
      expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN')
    }
    expect(await snapshot()).toEqual(before)
  })
})
