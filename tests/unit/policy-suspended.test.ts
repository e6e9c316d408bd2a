import { afterEach, expect, test } from 'vitest'
import { DEFAULT_POLICY, INITIAL_POLICY, type BookingPolicy } from '../../src/shared/policy/rules'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, RECEPTION } from '../helpers/test-host'

// Issue 14 part 7: the admin's list of suspended patients (policy.suspended), the one the lift
// button sits on: who is suspended today, since when, until when and for how many 爽约.

forEachEngine(() => {
  let clinic: Clinic
  afterEach(() => clinic?.host.dispose())

  const rules = (countLateCancels: boolean): BookingPolicy => ({
    ...INITIAL_POLICY,
    cancelDeadline: { enabled: true, hoursBefore: 24 },
    suspension: { ...DEFAULT_POLICY.suspension, count: 1, countLateCancels },
  })
  const book = async (doctor: number, patient: number) => {
    const slot = await slotAt(clinic.host, clinic.doctorIds[doctor]!, TODAY, '10:00')
    return clinic.host.must(RECEPTION, 'appointments.book', {
      slotId: slot.id,
      patientId: clinic.patientIds[patient]!,
      idempotencyKey: key(),
    })
  }
  const list = () => clinic.host.must(ADMIN, 'policy.suspended', {})

  test('lists the suspended patients with their figures; a lift or the rule off empties it', async () => {
    clinic = await makeClinic({ doctors: 2, patients: 3 })
    await clinic.host.must(ADMIN, 'policy.update', rules(false))
    const missed = await book(0, 0)
    await clinic.host.must(RECEPTION, 'queue.noShow', { id: missed.id })
    // A late cancel (today's band, inside 24 h) by patient 2: not counted while the rule says so.
    const dropped = await book(1, 2)
    await clinic.host.must(RECEPTION, 'appointments.cancel', { id: dropped.id, reason: '有事' })
    expect(await list()).toEqual([
      {
        patientId: clinic.patientIds[0],
        name: '张小一',
        phone: null,
        since: TODAY,
        until: '2027-02-28',
        noShows: 1,
        lateCancels: 0,
      },
    ])

    await clinic.host.must(ADMIN, 'policy.update', rules(true))
    expect((await list()).map((p) => [p.patientId, p.lateCancels])).toEqual([
      [clinic.patientIds[0], 0],
      [clinic.patientIds[2], 1],
    ])

    await clinic.host.must(ADMIN, 'policy.liftSuspension', {
      patientId: clinic.patientIds[0]!,
      reason: '电话核实，确因急诊未到',
    })
    expect((await list()).map((p) => p.patientId)).toEqual([clinic.patientIds[2]])
    await clinic.host.must(ADMIN, 'policy.update', INITIAL_POLICY)
    expect(await list()).toEqual([])
    expect(await clinic.host.call(RECEPTION, 'policy.suspended', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})
