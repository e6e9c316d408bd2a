import { expect } from 'vitest'
import type { Caller } from '../../src/shared/roles'
import { ADMIN, makeTestHost, manualClock, RECEPTION, type TestHost } from './test-host'

/** Monday 30 Nov 2026, 08:10 in Shanghai (00:10 UTC). */
export const MONDAY_0810 = '2026-11-30T00:10:00Z'
export const TODAY = '2026-11-30'

export interface Clinic {
  host: TestHost
  clock: ReturnType<typeof manualClock>
  departmentId: number
  doctorIds: number[]
  patientIds: number[]
}

let keySeq = 0
/** A fresh idempotency key per submission. */
export const key = (): string =>
  `k-${process.pid}-${++keySeq}-${Math.random().toString(36).slice(2, 10)}`

/**
 * A clinic on a real database: one department, `doctors` doctors each with a daily session
 * 08:00–12:00 in 30-minute bands (quota 4, 1 walk-in place) on `weekdays` (default all),
 * and `patients` registered patients.
 */
export async function makeClinic(
  opts: {
    doctors?: number
    patients?: number
    quota?: number
    walkIn?: number
    start?: string
    weekdays?: readonly number[]
  } = {},
): Promise<Clinic> {
  const clock = manualClock(opts.start ?? MONDAY_0810)
  const host = await makeTestHost({ clock })
  const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
  const doctorIds: number[] = []
  for (let i = 0; i < (opts.doctors ?? 1); i++) {
    const room = await host.must(ADMIN, 'rooms.create', { name: `${i + 1}诊室` })
    const doctor = await host.must(ADMIN, 'doctors.create', {
      name: `医生${i + 1}`,
      departmentId: dept.id,
      roomId: room.id,
    })
    doctorIds.push(doctor.id)
    for (const weekday of opts.weekdays ?? [1, 2, 3, 4, 5, 6, 7]) {
      await host.must(ADMIN, 'templates.save', {
        doctorId: doctor.id,
        weekday,
        startTime: '08:00',
        endTime: '12:00',
        slotMinutes: 30,
        quotaPerSlot: opts.quota ?? 4,
        walkInPerSlot: opts.walkIn ?? 1,
      })
    }
  }
  const patientIds: number[] = []
  for (let i = 0; i < (opts.patients ?? 3); i++) {
    const p = await host.must(RECEPTION, 'patients.register', {
      name: `张小${String.fromCharCode(0x4e00 + i)}`,
      sex: i % 2 ? 'F' : 'M',
      birthDate: '1980-06-15',
    })
    patientIds.push(p.id)
  }
  return { host, clock, departmentId: dept.id, doctorIds, patientIds }
}

export async function slotAt(
  host: TestHost,
  doctorId: number,
  date: string,
  startTime: string,
  caller: Caller = RECEPTION,
) {
  const slots = await host.must(caller, 'slots.forDoctorDay', { doctorId, date })
  const slot = slots.find((s) => s.startTime === startTime)
  expect(slot, `band ${startTime} on ${date}`).toBeDefined()
  return slot!
}

/**
 * booked equals the places held by the slot's appointments (every status but CANCELED), for every slot.
 * SQLite only (it reads the connection synchronously): kept for the suites not yet run on both
 * engines; new and engine-neutral suites use expectBookedMatches below.
 */
export function expectBookedMatchesAppointments(host: TestHost): void {
  const bad = host.database.sqlite
    .prepare(
      `SELECT s.id, s.booked, (SELECT count(*) FROM appointments a WHERE a.slot_id = s.id AND a.status <> 'CANCELED') AS n
       FROM doctor_schedules s WHERE s.booked <> (SELECT count(*) FROM appointments a WHERE a.slot_id = s.id AND a.status <> 'CANCELED')`,
    )
    .all()
  expect(bad).toEqual([])
}

/** The same check through the read handle, on either engine (helpers/engines.ts). */
export async function expectBookedMatches(host: TestHost): Promise<void> {
  const bad = await host.database.read
    .selectFrom('doctor_schedules as s')
    .select((eb) => [
      's.id',
      's.booked',
      eb
        .selectFrom('appointments as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.slot_id', '=', 's.id')
        .where('a.status', '<>', 'CANCELED')
        .as('n'),
    ])
    .execute()
  expect(bad.filter((r) => r.booked !== r.n)).toEqual([])
}
