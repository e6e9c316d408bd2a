// The clinic bench:concurrency books into, one day per scenario, set up once through the host's
// own methods and then copied for every run (bench/concurrency-host.ts).
import type { Client } from '../src/main/host/client'
import type { Caller } from '../src/shared/roles'
import type { Slot } from '../src/shared/contract'

export const ADMIN: Caller = { role: 'admin', label: 'bench-admin' }
/** Monday 07:00 in the clinic's zone (Asia/Shanghai): every band of the week is ahead. */
export const BENCH_NOW = '2026-03-01T23:00:00.000Z'
/** Each client's account: one reception desk (many desks may sign in as one account). */
export const DESK = { username: 'desk', secret: 'bench-secret-1' } as const
export const DOCTORS = 32
const BANDS = { startTime: '08:00', endTime: '18:00', slotMinutes: 30, walkInPerSlot: 0 } // 20 bands

/** Bands of one doctor-day as a client books them. */
export interface Band {
  readonly slotId: number
  readonly doctorId: number
  readonly date: string
  readonly startTime: string
  readonly endTime: string
  readonly quota: number
}
export interface Clinic {
  readonly patients: number[]
  /** Doctor 1, Monday: 20 bands × quota 5, every client on them (100 places: exactly 100 succeed). */
  readonly hot5: Band[]
  /** Doctor 1, Tuesday: 20 bands × quota 100, every client on them. */
  readonly hot100: Band[]
  /** Wednesday, doctor i + 1 for client i: nobody else books its rows (quota 100). */
  readonly uncontended: Band[][]
  /** Doctor 1, Thursday: a few bookings before each window, so both sides start warm. */
  readonly warm: Band[]
}

const DAYS = {
  hot5: '2026-03-02',
  hot100: '2026-03-03',
  uncontended: '2026-03-04',
  warm: '2026-03-05',
}

/** Doctors, weekly sessions, bands, patients and the desk account, through the host's methods. */
export async function setUpClinic(client: Client, patientCount: number): Promise<Clinic> {
  const dept = await client.must(ADMIN, 'departments.create', { name: '内科' })
  const doctors: number[] = []
  for (let i = 0; i < DOCTORS; i++)
    doctors.push(
      (await client.must(ADMIN, 'doctors.create', { name: `医生${i + 1}`, departmentId: dept.id }))
        .id,
    )
  const session = (doctorId: number, weekday: number, quotaPerSlot: number) =>
    client.must(ADMIN, 'templates.save', { doctorId, weekday, quotaPerSlot, ...BANDS })
  const first = doctors[0]!
  await session(first, 1, 5)
  await session(first, 2, 100)
  await session(first, 4, 100)
  for (const d of doctors) await session(d, 3, 100)
  await client.must(ADMIN, 'schedules.generate', {})
  await client.must(ADMIN, 'staff.create', {
    name: '挂号台',
    username: DESK.username,
    role: 'reception',
    secret: DESK.secret,
  })
  const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
  const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚'
  const patients: number[] = []
  for (let i = 0; i < patientCount; i++) {
    const name = `${SURNAMES[i % 20]}${GIVEN[Math.floor(i / 20) % 20]}${GIVEN[(i * 7) % 20]}`
    const p = await client.must(ADMIN, 'patients.register', {
      name,
      sex: i % 2 ? 'M' : 'F',
      phone: `139${String(10_000_000 + i)}`,
    })
    patients.push(p.id)
  }
  const bands = async (doctorId: number, date: string): Promise<Band[]> => {
    const slots: Slot[] = await client.must(ADMIN, 'slots.forDoctorDay', { doctorId, date })
    if (slots.length !== 20)
      throw new Error(`doctor ${doctorId} has ${slots.length} bands on ${date}`)
    return slots.map((s) => ({
      slotId: s.id,
      doctorId: s.doctorId,
      date: s.date,
      startTime: s.startTime,
      endTime: s.endTime,
      quota: s.quota,
    }))
  }
  return {
    patients,
    hot5: await bands(first, DAYS.hot5),
    hot100: await bands(first, DAYS.hot100),
    uncontended: await Promise.all(doctors.map((d) => bands(d, DAYS.uncontended))),
    warm: await bands(first, DAYS.warm),
  }
}
