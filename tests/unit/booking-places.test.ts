import { afterEach, expect, test } from 'vitest'
import { placeVerdict } from '../../src/main/services/schedules/places'
import { key, makeClinic, slotAt, TODAY, type Clinic } from '../helpers/booking-fixture'
import { RECEPTION } from '../helpers/test-host'
import { designVerdict, type BandState } from './booking-model-rules'
import { forEachEngine } from '../helpers/engines'

/**
 * SLOT_TAKEN and SLOT_HELD, every band state: the services' placeVerdict, the booking's guarded
 * UPDATE, holds.create, appointments.walkIn and the grid all answer as DESIGN.md §4 says
 * (designVerdict, written from its words in booking-model-rules.ts). States include ones no
 * sequence of calls reaches today (more holds than open places), as a later edit of a band's
 * walk-in places would make them.
 */
let clinic: Clinic | undefined
afterEach(() => clinic?.host.dispose())

function* states(maxQuota: number, extra: number): Generator<BandState> {
  for (let quota = 0; quota <= maxQuota; quota++)
    for (let booked = 0; booked <= quota; booked++)
      for (let kept = 0; kept <= quota + extra - booked; kept++)
        for (let held = 0; held <= quota + extra - booked; held++)
          yield { quota, booked, kept, held }
}

test('placeVerdict is DESIGN §4 for every band up to quota 6, for each kind of caller', () => {
  let n = 0
  for (const band of states(6, 1)) {
    const label = JSON.stringify(band)
    expect(placeVerdict(band, 'PHONE'), `phone ${label}`).toBe(designVerdict(band, 'PHONE'))
    expect(placeVerdict(band, 'PHONE'), `hold ${label}`).toBe(designVerdict(band, 'HOLD'))
    expect(placeVerdict(band, 'WALK_IN'), `walk-in ${label}`).toBe(designVerdict(band, 'WALK_IN'))
    n++
  }
  expect(n).toBeGreaterThan(300)
})

forEachEngine(() => {
  const GRID = { OK: 'AVAILABLE', SLOT_HELD: 'LOCKED', SLOT_TAKEN: 'BOOKED' } as const

  test('every method tells SLOT_TAKEN from SLOT_HELD alike, in every band state up to quota 4', async () => {
    clinic = await makeClinic({ quota: 4, walkIn: 0, patients: 1 })
    const { host, doctorIds, patientIds } = clinic
    const doctorId = doctorIds[0]!
    const band = await slotAt(host, doctorId, TODAY, '11:30')
    const db = host.database.units.db
    // The band under test is the only one today a walk-in could be sent to.
    await db
      .updateTable('doctor_schedules')
      .set({ status: 'CLOSED' })
      .where('date', '=', TODAY)
      .where('id', '<>', band.id)
      .execute()
    // A band's counts set directly (booked with no appointments behind it): only the counts matter here.
    const put = async (s: BandState): Promise<void> => {
      await db.deleteFrom('appointments').execute()
      await db.deleteFrom('slot_holds').execute()
      await db
        .updateTable('doctor_schedules')
        .set({
          quota: s.quota,
          booked: s.booked,
          walk_in_reserved: s.kept,
          walk_ins: 0,
          status: 'AVAILABLE',
        })
        .where('id', '=', band.id)
        .execute()
      if (s.held > 0)
        await db
          .insertInto('slot_holds')
          .values(
            Array.from({ length: s.held }, () => ({
              slot_id: band.id,
              holder: 'desk-2',
              expires_at: '2099-01-01T00:00:00.000Z',
              created_at: '2026-11-30T00:00:00.000Z',
            })),
          )
          .execute()
    }
    const codeOf = (r: { ok: boolean; error?: { code: string } }): string =>
      r.ok ? 'OK' : r.error!.code

    for (const s of states(4, 1)) {
      if (s.quota === 0) continue // a band has at least one place (templates refuse quota 0)
      const label = JSON.stringify(s)
      await put(s)
      expect((await slotAt(host, doctorId, TODAY, '11:30')).status, `grid ${label}`).toBe(
        GRID[designVerdict(s, 'PHONE')],
      )
      expect(
        codeOf(await host.call(RECEPTION, 'holds.create', { slotId: band.id })),
        `holds.create ${label}`,
      ).toBe(designVerdict(s, 'HOLD'))
      await put(s)
      expect(
        codeOf(
          await host.call(RECEPTION, 'appointments.book', {
            slotId: band.id,
            patientId: patientIds[0]!,
            idempotencyKey: key(),
          }),
        ),
        `appointments.book ${label}`,
      ).toBe(designVerdict(s, 'PHONE'))
      await put(s)
      const walkIn = await host.call(RECEPTION, 'appointments.walkIn', {
        scope: { doctorId },
        patientId: patientIds[0]!,
        idempotencyKey: key(),
      })
      expect(codeOf(walkIn), `appointments.walkIn ${label}`).toBe(
        designVerdict(s, 'WALK_IN') === 'OK' ? 'OK' : 'NO_PLACES',
      )
    }
  }, 120_000)
})
