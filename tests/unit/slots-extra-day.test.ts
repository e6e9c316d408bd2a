import { afterEach, describe, expect, test } from 'vitest'
import type { PublishedEvent } from '../../src/main/host/event-bus'
import { key, makeClinic, TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, doctorCaller, RECEPTION } from '../helpers/test-host'
import { forEachEngine } from '../helpers/engines'
import { countRows, selectRows } from '../helpers/engine-sql'

let clinic: Clinic
afterEach(() => clinic?.host.dispose())

const TOMORROW = '2026-12-01'

const state = async (c: Clinic) => ({
  bands: await selectRows(
    c.host,
    'SELECT id, quota, booked, extra_places, status FROM doctor_schedules ORDER BY id',
  ),
  extras: await countRows(c.host, 'extra_places'),
  audits: await countRows(c.host, 'audit_log'),
})

forEachEngine(() => {
  describe('slots.addExtraToDay (加号 to the day)', () => {
    test("the place goes to the doctor's last open band of the day, audited as an extra place", async () => {
      clinic = await makeClinic({ quota: 2, walkIn: 0 })
      const { host, doctorIds } = clinic
      const seen: PublishedEvent[] = []
      host.bus.subscribe((e) => seen.push(e))
      const r = await host.must(RECEPTION, 'slots.addExtraToDay', {
        doctorId: doctorIds[0]!,
        date: TOMORROW,
        count: 2,
        agreedBy: doctorIds[0]!,
        reason: '复诊',
        idempotencyKey: key(),
      })
      // Bands run 08:00–12:00 in 30 minutes: the last one starts at 11:30.
      expect(r.slot).toMatchObject({ startTime: '11:30', quota: 4, extra: 2 })
      expect(r.extra).toMatchObject({ count: 2, agreedBy: doctorIds[0], reason: '复诊' })
      const audit = await selectRows(
        host,
        "SELECT action, entity, entity_id FROM audit_log WHERE entity = 'extra_places'",
      )
      expect(audit).toEqual([
        { action: 'slots.addExtraToDay', entity: 'extra_places', entity_id: r.extra.id },
      ])
      expect(seen.map((e) => e.event)).toEqual(['slots.changed'])
      const day = await host.must(RECEPTION, 'slots.extraForDay', {
        doctorId: doctorIds[0]!,
        date: TOMORROW,
      })
      expect(day.map((x) => x.id)).toEqual([r.extra.id])
    })

    test('a session picks its own last band; an ended band is passed over for today', async () => {
      clinic = await makeClinic({ quota: 2, walkIn: 0, start: '2026-11-30T03:40:00Z' }) // 11:40 in Shanghai
      const { host, doctorIds } = clinic
      // 11:30–12:00 is running (not over): it takes the place.
      const am = await host.must(RECEPTION, 'slots.addExtraToDay', {
        doctorId: doctorIds[0]!,
        date: TODAY,
        session: 'AM',
        count: 1,
        agreedBy: doctorIds[0]!,
        idempotencyKey: key(),
      })
      expect(am.slot.startTime).toBe('11:30')
      // No afternoon bands: NOT_FOUND on the date, nothing written.
      const before = await state(clinic)
      expect(
        await host.call(RECEPTION, 'slots.addExtraToDay', {
          doctorId: doctorIds[0]!,
          date: TODAY,
          session: 'PM',
          count: 1,
          agreedBy: doctorIds[0]!,
          idempotencyKey: key(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'date' } })
      clinic.clock.set('2026-11-30T04:10:00Z') // 12:10: the whole morning is over
      expect(
        await host.call(RECEPTION, 'slots.addExtraToDay', {
          doctorId: doctorIds[0]!,
          date: TODAY,
          count: 1,
          agreedBy: doctorIds[0]!,
          idempotencyKey: key(),
        }),
      ).toMatchObject({ ok: false, error: { code: 'SLOT_IN_PAST', field: 'date' } })
      expect(await state(clinic)).toEqual(before)
    })

    test('a full last band (10 extra places) sends the next ones to the band before it', async () => {
      clinic = await makeClinic({ quota: 2, walkIn: 0 })
      const { host, doctorIds } = clinic
      const ask = (count: number) =>
        host.must(RECEPTION, 'slots.addExtraToDay', {
          doctorId: doctorIds[0]!,
          date: TOMORROW,
          count,
          agreedBy: doctorIds[0]!,
          idempotencyKey: key(),
        })
      expect((await ask(10)).slot.startTime).toBe('11:30')
      expect((await ask(1)).slot.startTime).toBe('11:00')
    })

    test('bad input and the agreeing doctor: typed errors, nothing changed; a retry adds once', async () => {
      clinic = await makeClinic({ doctors: 2, quota: 2, walkIn: 0 })
      const { host, doctorIds } = clinic
      const base = { doctorId: doctorIds[0]!, date: TOMORROW, count: 1, idempotencyKey: key() }
      const before = await state(clinic)
      for (const [input, code, field] of [
        [{ ...base, agreedBy: undefined }, 'INVALID_INPUT', 'agreedBy'],
        [{ ...base, agreedBy: doctorIds[1]! }, 'INVALID_INPUT', 'agreedBy'],
        [{ ...base, agreedBy: doctorIds[0]!, count: 0 }, 'INVALID_INPUT', 'count'],
        [{ ...base, agreedBy: doctorIds[0]!, count: 11 }, 'INVALID_INPUT', 'count'],
        [{ ...base, agreedBy: doctorIds[0]!, session: 'EVENING' }, 'INVALID_INPUT', 'session'],
        [{ ...base, agreedBy: doctorIds[0]!, date: '2026-02-30' }, 'INVALID_INPUT', 'date'],
        [{ ...base, agreedBy: doctorIds[0]!, doctorId: 999 }, 'NOT_FOUND', undefined],
      ] as const) {
        const r = await host.call(RECEPTION, 'slots.addExtraToDay', input as never)
        expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } })
        if (field && !r.ok) expect(r.error.field).toBe(field)
      }
      expect(await state(clinic)).toEqual(before)
      const input = { ...base, agreedBy: doctorIds[0]! }
      const first = await host.must(RECEPTION, 'slots.addExtraToDay', input)
      expect(await host.must(RECEPTION, 'slots.addExtraToDay', input)).toEqual(first)
      expect(first.slot.quota).toBe(3)
    })

    test('roles: a doctor adds to their own day only; the display may not; admin names the doctor', async () => {
      clinic = await makeClinic({ doctors: 2, quota: 2, walkIn: 0 })
      const { host, doctorIds } = clinic
      const own = doctorCaller(doctorIds[0]!)
      const r = await host.must(own, 'slots.addExtraToDay', {
        doctorId: doctorIds[0]!,
        date: TOMORROW,
        count: 1,
        idempotencyKey: key(),
      })
      expect(r.extra).toMatchObject({ agreedBy: doctorIds[0], createdBy: own.label })
      const before = await state(clinic)
      const input = { doctorId: doctorIds[0]!, date: TOMORROW, count: 1, idempotencyKey: key() }
      expect(
        await host.call(doctorCaller(doctorIds[1]!), 'slots.addExtraToDay', input),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(
        await host.call({ role: 'display', label: 'd' }, 'slots.addExtraToDay', input),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(await host.call(ADMIN, 'slots.addExtraToDay', input)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'agreedBy' },
      })
      expect(await state(clinic)).toEqual(before)
    })
  })
})
