import { expect } from 'vitest'
import type { Clinic } from '../helpers/booking-fixture'
import { ADMIN, RECEPTION } from '../helpers/test-host'
import type { BookingPolicy } from '../../src/shared/policy/rules'
import {
  entryView,
  LIVE,
  RULES,
  suspendedUntil,
  type Mode,
  type WBand,
  type WModel,
} from './booking-model-waitlist'

/** The model's day index as the host's date (day 0 is Monday 30 Nov 2026). */
export const dateOf = (day: number): string =>
  new Date(Date.UTC(2026, 10, 30 + day)).toISOString().slice(0, 10)

const hhmm = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5))

/**
 * The clinic of the model test and its model at the start: Monday 30 Nov 2026, 08:10 in
 * Shanghai; daily 08:00–11:00 and 14:00–15:00 in hour bands, 2 places each of which 1 kept for
 * walk-ins (one phone place a band, so days fill up); the policy and the waitlist mode set.
 */
export async function openClinic(
  clinic: Clinic,
  mode: Mode,
  policy: BookingPolicy,
  days: number,
): Promise<WModel> {
  for (const weekday of [1, 2, 3, 4, 5, 6, 7])
    for (const [startTime, endTime] of [
      ['08:00', '11:00'],
      ['14:00', '15:00'],
    ] as const)
      await clinic.host.must(ADMIN, 'templates.save', {
        doctorId: clinic.doctorIds[0]!,
        weekday,
        startTime,
        endTime,
        slotMinutes: 60,
        quotaPerSlot: 2,
        walkInPerSlot: 1,
      })
  await clinic.host.must(ADMIN, 'policy.update', policy)
  await clinic.host.must(ADMIN, 'settings.update', {
    waitlistMode: mode,
    waitlistOfferMinutes: RULES.offerMinutes,
  })
  const bands: WBand[] = []
  for (let day = 0; day < days; day++)
    for (const s of await clinic.host.must(RECEPTION, 'slots.forDoctorDay', {
      doctorId: clinic.doctorIds[0]!,
      date: dateOf(day),
    }))
      bands.push({
        id: s.id,
        day,
        start: hhmm(s.startTime),
        end: hhmm(s.endTime),
        quota: s.quota,
        reserved: s.walkInReserved,
        extra: 0,
        booked: 0,
        walkIns: 0,
      })
  expect(bands).toHaveLength(days * 4)
  return {
    mode,
    bands,
    patients: clinic.patientIds,
    appts: [],
    entries: [],
    lifts: new Map(),
    counters: new Map(),
    offers: 0,
    now: 8 * 60 + 10,
  }
}

/**
 * The whole state, host against model, after every command of booking-model-waitlist.test.ts:
 * every waitlist entry (status, position, booking, offer), every booking (band, patient, status,
 * source, queue number, late-cancel day), every band's quota, booked and walk-in counts, and who
 * is suspended until when; then the invariants on the host's rows alone.
 */
export async function compare(m: WModel, r: { clinic: Clinic }): Promise<void> {
  const { host } = r.clinic
  const entries = []
  for (const e of m.entries) {
    const real = await host.must(RECEPTION, 'waitlist.position', { id: e.id })
    // A booking the line made inside another command: the host's id is the one thing not modelled.
    if (e.appt && e.appt.id === null) e.appt.id = real.appointmentId
    entries.push({
      id: real.id,
      status: real.status,
      position: real.position,
      appointmentId: real.appointmentId,
      offer: real.offer?.slotId ?? null,
    })
  }
  expect(entries, 'waitlist').toEqual(m.entries.map((e) => entryView(m, e)))

  const db = host.database.read
  const appts = await db
    .selectFrom('appointments')
    .select(['id', 'slot_id', 'patient_id', 'doctor_id', 'date', 'status', 'source'])
    .select(['queue_no', 'late_canceled_on'])
    .orderBy('id')
    .execute()
  expect(
    appts.map((a) => ({
      id: a.id,
      slot: a.slot_id,
      patient: a.patient_id,
      status: a.status,
      source: a.source,
      queueNo: a.queue_no,
      lateOn: a.late_canceled_on,
    })),
    'bookings',
  ).toEqual(
    [...m.appts]
      .sort((x, y) => (x.id ?? Infinity) - (y.id ?? Infinity))
      .map((a) => ({
        id: a.id,
        slot: a.band.id,
        patient: a.patient,
        status: a.status,
        source: a.source,
        queueNo: a.queueNo,
        lateOn: a.lateOn === null ? null : dateOf(a.lateOn),
      })),
  )
  const bands = await db
    .selectFrom('doctor_schedules')
    .select(['id', 'quota', 'booked', 'walk_ins'])
    .orderBy('id')
    .execute()
  const ours = bands.filter((b) => m.bands.some((x) => x.id === b.id))
  expect(ours, 'bands').toEqual(
    [...m.bands]
      .sort((x, y) => x.id - y.id)
      .map((b) => ({ id: b.id, quota: b.quota, booked: b.booked, walk_ins: b.walkIns })),
  )
  const suspended = await host.must(ADMIN, 'policy.suspended', {})
  expect(
    suspended
      .map((s) => ({ patient: s.patientId, until: s.until }))
      .sort((x, y) => x.patient - y.patient),
    'suspended',
  ).toEqual(
    m.patients.flatMap((p) => {
      const until = suspendedUntil(m, p)
      return until === null ? [] : [{ patient: p, until: dateOf(until) }]
    }),
  )

  // The invariants, on the host's rows alone.
  for (const b of bands) {
    expect(b.booked).toBeLessThanOrEqual(b.quota)
    expect(b.booked, `band ${b.id}`).toBe(
      appts.filter((a) => a.slot_id === b.id && a.status !== 'CANCELED').length,
    )
  }
  const live = appts
    .filter((a) => LIVE.includes(a.status))
    .map((a) => `${a.patient_id}/${a.doctor_id}/${a.date}`)
  expect(new Set(live).size, 'one live booking per patient per doctor per day').toBe(live.length)
  const numbers = appts.map((a) => `${a.doctor_id}/${a.date}/${a.queue_no}`)
  expect(new Set(numbers).size, 'queue numbers unique').toBe(numbers.length)
  const served = entries.flatMap((e) => (e.appointmentId === null ? [] : [e.appointmentId]))
  expect(new Set(served).size, 'one booking per entry').toBe(served.length)
}
