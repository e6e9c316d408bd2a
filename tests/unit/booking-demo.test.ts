import { afterEach, describe, expect, test } from 'vitest'
import { forEachEngine } from '../helpers/engines'
import { MONDAY_0810, TODAY } from '../helpers/booking-fixture'
import { makeTestHost, manualClock, RECEPTION, type TestHost } from '../helpers/test-host'

let host: TestHost
afterEach(() => host?.dispose())

forEachEngine(() => {
  describe('the demo clinic today', () => {
    test('the demo clinic has bands for the horizon and a handful of bookings today, one called', async () => {
      host = await makeTestHost({ demo: true, clock: manualClock(MONDAY_0810) })
      const { doctors } = await host.must(RECEPTION, 'directory.get', {})
      const day = await host.must(RECEPTION, 'appointments.forDay', { date: TODAY })
      expect(day).toHaveLength(2 * doctors.length)
      expect(day.filter((a) => a.status === 'CHECKED_IN' || a.status === 'CALLED')).toHaveLength(
        doctors.length,
      )
      expect(day.filter((a) => a.status === 'CALLED')).toHaveLength(1)
      const board = await host.must(RECEPTION, 'display.board', {})
      expect(board.rooms).toHaveLength(doctors.length)
      expect(board.rooms[0]?.calling?.maskedName).toMatch(/\*/)
      const saturday = await host.must(RECEPTION, 'slots.forDoctorDay', {
        doctorId: doctors[0]!.id,
        date: '2026-12-05',
      })
      expect(saturday).toHaveLength(15)
    })
  })
})
