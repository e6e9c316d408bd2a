import { afterEach, expect, test } from 'vitest'
import { shownStatus, type Appointment } from '../../src/shared/contract'
import { INITIAL_POLICY } from '../../src/shared/policy/rules'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, doctorCaller, RECEPTION } from '../helpers/test-host'

// Issue 14 part 3: an excused NO_SHOW (未到(免责): 结束出诊 before the band start + grace) is told
// apart from a NO_SHOW that counts (爽约) in every view the desk and the doctor read.

forEachEngine(() => {
  let clinic: Clinic
  afterEach(() => clinic?.host.dispose())

  test('the day lists, the patient card and appointments.get carry noShowExcused; a recheck-in clears it', async () => {
    clinic = await makeClinic({ patients: 3, start: '2026-11-29T23:00:00Z' }) // 07:00
    await clinic.host.must(ADMIN, 'policy.update', {
      ...INITIAL_POLICY,
      noShow: { enabled: true, graceMinutes: 30 },
    })
    const doc = clinic.doctorIds[0]!
    const book = async (time: string, patient: number) =>
      clinic.host.must(RECEPTION, 'appointments.book', {
        slotId: (await slotAt(clinic.host, doc, TODAY, time)).id,
        patientId: clinic.patientIds[patient]!,
        idempotencyKey: key(),
      })
    const counted = await book('08:00', 0) // grace ended 08:30
    const excused = await book('09:00', 1) // grace ends 09:30
    const kept = await book('10:00', 2)
    expect(kept).toMatchObject({ noShowExcused: false })
    await clinic.host.must(RECEPTION, 'appointments.checkIn', { id: kept.id })
    clinic.clock.set('2026-11-30T00:45:00Z') // 08:45
    await clinic.host.must(doctorCaller(doc), 'queue.closeSession', { doctorId: doc, date: TODAY })

    const expected = new Map([
      [counted.id, ['NO_SHOW', false, 'NO_SHOW']],
      [excused.id, ['NO_SHOW', true, 'NO_SHOW_EXCUSED']],
      [kept.id, ['CHECKED_IN', false, 'CHECKED_IN']],
    ])
    const seen = (rows: readonly Pick<Appointment, 'id' | 'status' | 'noShowExcused'>[]) =>
      rows
        .filter((r) => expected.has(r.id))
        .sort((a, b) => a.id - b.id)
        .map((r) => [r.status, r.noShowExcused, shownStatus(r)])
    const all = [...expected.values()]
    // The doctor's day list, the desk's day list, one appointment.
    const queue = await clinic.host.must(doctorCaller(doc), 'queue.forDoctorDay', {
      doctorId: doc,
      date: TODAY,
    })
    expect(seen(queue.entries)).toEqual(all)
    expect(seen(await clinic.host.must(RECEPTION, 'appointments.forDay', { date: TODAY }))).toEqual(
      all,
    )
    for (const [id, [status, flag]] of expected)
      expect(await clinic.host.must(RECEPTION, 'appointments.get', { id })).toMatchObject({
        status,
        noShowExcused: flag,
      })
    // The patient card: both in the no-show list, told apart.
    const card = await clinic.host.must(RECEPTION, 'patients.card', {
      id: clinic.patientIds[1]!,
    })
    expect(card.noShows.map((a) => [a.id, a.noShowExcused])).toEqual([[excused.id, true]])
    const counting = await clinic.host.must(RECEPTION, 'patients.card', {
      id: clinic.patientIds[0]!,
    })
    expect(counting.noShows.map((a) => [a.id, a.noShowExcused])).toEqual([[counted.id, false]])

    // The late patient comes within the grace: checked in again, no longer a no-show of any kind.
    const back = await clinic.host.must(RECEPTION, 'queue.recheckIn', {
      id: excused.id,
      place: { rule: 'end' },
      reason: '迟到，宽限内',
    })
    expect(back).toMatchObject({ status: 'CHECKED_IN', noShowExcused: false })
  })
})
