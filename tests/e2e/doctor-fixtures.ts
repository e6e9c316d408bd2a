import type { Page, WebSocket as PwWebSocket } from 'playwright-core'
import type { Appointment, Doctor } from '../../src/shared/contract'
import { startTestBrowserHost } from '../helpers/browser-host'
import { ADMIN, RECEPTION, manualClock, type TestHost } from '../helpers/test-host'

/** Monday 2026-03-02, 07:30 in Asia/Shanghai (the default zone): the morning session is still ahead. */
export const MONDAY_0730 = '2026-03-01T23:30:00.000Z'
export const TODAY = '2026-03-02'

export interface ClinicDay {
  readonly doctorA: Doctor
  readonly doctorB: Doctor
  readonly roomA: string
  /** Today's bands of doctor A (08:00–12:00, 30 min, 4 a band) and of doctor B. */
  readonly slotsA: readonly number[]
  readonly slotsB: readonly number[]
}

/**
 * A small clinic built through the contract as an admin would: one department, two doctors in
 * their own rooms, a Monday morning session each, slots generated for today.
 */
export async function buildClinicDay(host: TestHost): Promise<ClinicDay> {
  const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
  const roomA = await host.must(ADMIN, 'rooms.create', { name: '3诊室' })
  const roomB = await host.must(ADMIN, 'rooms.create', { name: '5诊室' })
  const doctorA = await host.must(ADMIN, 'doctors.create', { name: '王建国', title: '主任医师', departmentId: dept.id, roomId: roomA.id })
  const doctorB = await host.must(ADMIN, 'doctors.create', { name: '李秀英', title: '副主任医师', departmentId: dept.id, roomId: roomB.id })
  for (const d of [doctorA, doctorB]) {
    await host.must(ADMIN, 'templates.save', { doctorId: d.id, weekday: 1, startTime: '08:00', endTime: '12:00', slotMinutes: 30, quotaPerSlot: 4, walkInPerSlot: 0 })
  }
  await host.must(ADMIN, 'schedules.generate', {})
  const slots = async (doctorId: number) => (await host.must(RECEPTION, 'slots.forDoctorDay', { doctorId, date: TODAY })).map((s) => s.id)
  return { doctorA, doctorB, roomA: roomA.name, slotsA: await slots(doctorA.id), slotsB: await slots(doctorB.id) }
}

let patientNo = 0
let keyNo = 0

/** Registers a patient and books them into a band, as a reception desk would. */
export async function book(host: TestHost, slotId: number, name: string, complaint = ''): Promise<Appointment> {
  patientNo++
  const patient = await host.must(RECEPTION, 'patients.register', {
    name,
    sex: patientNo % 2 ? 'M' : 'F',
    birthDate: `19${60 + (patientNo % 40)}-05-0${1 + (patientNo % 9)}`,
    phone: `139${String(10_000_000 + patientNo * 7919).slice(0, 8)}`,
  })
  return host.must(RECEPTION, 'appointments.book', { slotId, patientId: patient.id, chiefComplaint: complaint, idempotencyKey: `e2e-${process.pid}-${++keyNo}` })
}

/** A browser-mode host whose clock stands still on Monday morning, with the clinic above. */
export async function startClinic() {
  const clock = manualClock(MONDAY_0730)
  const started = await startTestBrowserHost({ clock })
  const day = await buildClinicDay(started.host)
  return { ...started, clock, day }
}

/** Every text frame a page's WebSockets receive, to check what reached a screen. */
export function recordFrames(page: Page): string[] {
  const frames: string[] = []
  page.on('websocket', (ws: PwWebSocket) => ws.on('framereceived', (f) => frames.push(String(f.payload))))
  return frames
}

/** The queue rows' appointment ids in the order on screen. */
export const rowOrder = (page: Page): Promise<number[]> =>
  page.locator('[data-testid="queue-row"]').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.appointmentId)))
