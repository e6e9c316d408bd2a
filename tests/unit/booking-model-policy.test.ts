import fc from 'fast-check'
import { expect, test } from 'vitest'
import { INITIAL_POLICY, type BookingPolicy } from '../../src/shared/policy/rules'
import { key, makeClinic, type Clinic } from '../helpers/booking-fixture'
import { ADMIN, RECEPTION } from '../helpers/test-host'

/**
 * Issue 14 in the model test: release (未放号 until the minute it opens), no-show marking by the
 * clock (band start + grace) and the 爽约 suspension (N no-shows within M days refuse phone
 * booking until the day it ends; walk-ins never refused). The model below is written from
 * docs/POLICY.md in epoch minutes and days, not from shared/policy: it must reach the same
 * answers by its own arithmetic.
 */
const POLICY: BookingPolicy = {
  ...INITIAL_POLICY,
  release: { enabled: true, daysAhead: 1, at: '08:20' },
  noShow: { enabled: true, graceMinutes: 30 },
  // Small figures, so that a run of a few days sees suspensions begin and end.
  suspension: { enabled: true, count: 2, withinDays: 2, suspendDays: 2, countLateCancels: false },
}
const DAYS = 4 // bands read for today and the next three days
const MIN = 60_000

interface Band {
  id: number
  day: number // days since the first day
  start: number // minutes of the clinic day
  end: number
}
interface Booking {
  id: number
  patient: number
  band: Band
  status: 'CONFIRMED' | 'CHECKED_IN' | 'NO_SHOW'
  source: 'PHONE' | 'WALK_IN'
}
interface Model {
  bands: Band[]
  patients: number[]
  bookings: Booking[]
  /** Clinic minutes since 00:00 of the first day (the clinic is UTC+8). */
  now: number
}
interface Real {
  clinic: Clinic
}

const hhmm = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5))
const dayOf = (m: Model): number => Math.floor(m.now / 1440)
const minuteOf = (m: Model): number => m.now % 1440

/** 放号: a band of day D opens at D − 1, 08:20; at that minute it is bookable. */
const released = (m: Model, b: Band): boolean => m.now >= (b.day - 1) * 1440 + 8 * 60 + 20

/** The day phone booking is allowed again, or null: 2 no-shows within 2 days suspend for 2 days. */
function suspendedUntil(m: Model, patient: number): number | null {
  const days = m.bookings
    .filter((b) => b.patient === patient && b.status === 'NO_SHOW')
    .map((b) => b.band.day)
  let until: number | null = null
  for (const last of days) {
    // The window of 2 days ending on `last`: (last − 2, last].
    const inWindow = days.filter((d) => d <= last && d > last - 2).length
    if (inWindow >= 2 && (until === null || last + 2 > until)) until = last + 2
  }
  return until !== null && dayOf(m) < until ? until : null
}

const live = (m: Model, patient: number, day: number): boolean =>
  m.bookings.some((b) => b.patient === patient && b.band.day === day && b.status !== 'NO_SHOW')

type Step = (m: Model, r: Real) => Promise<void>
const cmd = (label: string, run: Step): fc.AsyncCommand<Model, Real> => ({
  check: () => true,
  run,
  toString: () => label,
})
const codeOf = (r: { ok: boolean; error?: { code: string; details?: unknown } }): string =>
  r.ok
    ? 'OK'
    : r.error!.code === 'POLICY_REFUSED'
      ? (r.error!.details as { rule: string }).rule
      : r.error!.code

/** A phone booking of a band not over, by a patient with no live booking that day. */
const book = (bandIdx: number, patientIdx: number) =>
  cmd(`book(${bandIdx}, ${patientIdx})`, async (m, r) => {
    const open = m.bands.filter((b) => b.day * 1440 + b.end > m.now)
    const band = open[bandIdx % Math.max(1, open.length)]
    const patient = m.patients[patientIdx % m.patients.length]!
    if (!band || live(m, patient, band.day)) return
    const res = await r.clinic.host.call(RECEPTION, 'appointments.book', {
      slotId: band.id,
      patientId: patient,
      idempotencyKey: key(),
    })
    const until = suspendedUntil(m, patient)
    const expected = !released(m, band) ? 'NOT_RELEASED' : until !== null ? 'SUSPENDED' : 'OK'
    expect(codeOf(res), `${band.day}/${band.start} at ${m.now}`).toBe(expected)
    if (!res.ok && expected === 'SUSPENDED') {
      const day = new Date(Date.UTC(2026, 10, 30 + until!)).toISOString().slice(0, 10)
      expect((res.error.details as { until: string }).until).toBe(day)
    }
    if (res.ok)
      m.bookings.push({ id: res.value.id, patient, band, status: 'CONFIRMED', source: 'PHONE' })
  })

/** A walk-in today: never refused by release or a suspension. */
const walkIn = (patientIdx: number) =>
  cmd(`walkIn(${patientIdx})`, async (m, r) => {
    const patient = m.patients[patientIdx % m.patients.length]!
    const today = m.bands.filter((b) => b.day === dayOf(m) && b.end > minuteOf(m))
    if (today.length === 0 || live(m, patient, dayOf(m))) return
    const res = await r.clinic.host.call(RECEPTION, 'appointments.walkIn', {
      scope: { doctorId: r.clinic.doctorIds[0]! },
      patientId: patient,
      idempotencyKey: key(),
    })
    expect(codeOf(res)).toBe('OK')
    if (res.ok) {
      const band = m.bands.find((b) => b.id === res.value.slotId)!
      m.bookings.push({ id: res.value.id, patient, band, status: 'CHECKED_IN', source: 'WALK_IN' })
    }
  })

/** A phone booking of today checks in while it is not NO_SHOW (within the grace, or early). */
const checkIn = (idx: number) =>
  cmd(`checkIn(${idx})`, async (m, r) => {
    const b = m.bookings[idx % Math.max(1, m.bookings.length)]
    if (!b) return
    const res = await r.clinic.host.call(RECEPTION, 'appointments.checkIn', { id: b.id })
    const ok = b.band.day === dayOf(m) && b.status === 'CONFIRMED'
    expect(codeOf(res)).toBe(ok ? 'OK' : 'ILLEGAL_TRANSITION')
    if (ok) b.status = 'CHECKED_IN'
  })

/**
 * The clock moves on and the host's minute timer runs (called here, so the model knows when):
 * every phone booking still not checked in from its band start + 30 minutes is NO_SHOW.
 */
const advance = (minutes: number) =>
  cmd(`advance ${minutes} min`, async (m, r) => {
    if (m.now + minutes >= DAYS * 1440) return
    m.now += minutes
    r.clinic.clock.advance(minutes * MIN)
    await r.clinic.host.must(ADMIN, 'policy.markNoShows', {})
    for (const b of m.bookings)
      if (
        b.source === 'PHONE' &&
        b.status === 'CONFIRMED' &&
        m.now >= b.band.day * 1440 + b.band.start + 30
      )
        b.status = 'NO_SHOW'
    const rows = await r.clinic.host.database.read
      .selectFrom('appointments')
      .select(['id', 'status'])
      .orderBy('id')
      .execute()
    expect(rows).toEqual(m.bookings.map((b) => ({ id: b.id, status: b.status })))
  })

test('release, no-show by the clock and the 爽约 suspension: the host agrees with the model', async () => {
  const n = fc.nat(40)
  const commands = fc.commands(
    [
      fc.tuple(n, n).map(([b, p]) => book(b, p)),
      // Most bookings aim at the next few bands, so no-shows pile up and suspensions happen.
      fc.tuple(fc.nat(2), n).map(([b, p]) => book(b, p)),
      fc.tuple(fc.nat(2), n).map(([b, p]) => book(b, p)),
      n.map(walkIn),
      n.map(checkIn),
      fc.constantFrom(1, 9, 10, 29, 30, 31, 60, 240, 720, 1440).map(advance),
    ],
    { maxCommands: 80, size: 'max' },
  )
  await fc.assert(
    fc.asyncProperty(commands, async (cmds) => {
      // Monday 30 Nov 2026, 08:10 in Shanghai; daily 08:00–12:00 in 30-minute bands.
      const clinic = await makeClinic({ patients: 3, quota: 20, walkIn: 2 })
      try {
        await clinic.host.must(ADMIN, 'policy.update', POLICY)
        const bands: Band[] = []
        for (let day = 0; day < DAYS; day++) {
          const date = new Date(Date.UTC(2026, 10, 30 + day)).toISOString().slice(0, 10)
          const slots = await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
            doctorId: clinic.doctorIds[0]!,
            date,
          })
          for (const s of slots)
            bands.push({ id: s.id, day, start: hhmm(s.startTime), end: hhmm(s.endTime) })
        }
        const model: Model = { bands, patients: clinic.patientIds, bookings: [], now: 8 * 60 + 10 }
        await fc.asyncModelRun(() => ({ model, real: { clinic } }), cmds)
      } finally {
        await clinic.host.dispose()
      }
    }),
    { numRuns: Number(process.env.MODEL_RUNS ?? 15) },
  )
}, 300_000)
