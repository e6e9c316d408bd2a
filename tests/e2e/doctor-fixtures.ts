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
  const doctorA = await host.must(ADMIN, 'doctors.create', {
    name: '王建国',
    title: '主任医师',
    departmentId: dept.id,
    roomId: roomA.id,
  })
  const doctorB = await host.must(ADMIN, 'doctors.create', {
    name: '李秀英',
    title: '副主任医师',
    departmentId: dept.id,
    roomId: roomB.id,
  })
  for (const d of [doctorA, doctorB]) {
    await host.must(ADMIN, 'templates.save', {
      doctorId: d.id,
      weekday: 1,
      startTime: '08:00',
      endTime: '12:00',
      slotMinutes: 30,
      quotaPerSlot: 4,
      walkInPerSlot: 0,
    })
  }
  await host.must(ADMIN, 'schedules.generate', {})
  const slots = async (doctorId: number) =>
    (await host.must(RECEPTION, 'slots.forDoctorDay', { doctorId, date: TODAY })).map((s) => s.id)
  return {
    doctorA,
    doctorB,
    roomA: roomA.name,
    slotsA: await slots(doctorA.id),
    slotsB: await slots(doctorB.id),
  }
}

let patientNo = 0
let keyNo = 0

/** Registers a patient and books them into a band, as a reception desk would. */
export async function book(
  host: TestHost,
  slotId: number,
  name: string,
  complaint = '',
): Promise<Appointment> {
  patientNo++
  // Sex and age follow from the name, so a screenshot shows the same person in both languages.
  const seed = Array.from(name).reduce((sum, ch) => sum + ch.codePointAt(0)!, 0)
  const patient = await host.must(RECEPTION, 'patients.register', {
    name,
    sex: seed % 2 ? 'M' : 'F',
    birthDate: `19${50 + (seed % 50)}-05-0${1 + (seed % 9)}`,
    phone: `139${String(10_000_000 + patientNo * 7919).slice(0, 8)}`,
  })
  return host.must(RECEPTION, 'appointments.book', {
    slotId,
    patientId: patient.id,
    chiefComplaint: complaint,
    idempotencyKey: `e2e-${process.pid}-${++keyNo}`,
  })
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
  page.on('websocket', (ws: PwWebSocket) =>
    ws.on('framereceived', (f) => frames.push(String(f.payload))),
  )
  return frames
}

/** The queue rows' appointment ids in the order on screen. */
export const rowOrder = (page: Page): Promise<number[]> =>
  page
    .locator('[data-testid="queue-row"]')
    .evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.appointmentId)))

/**
 * A believable morning for screenshots: doctor A has seen one patient, has one in the room,
 * several waiting (one skipped once), some not arrived, a no-show and a cancellation;
 * doctor B has called one patient. The clock ends at 08:40.
 */
export async function busyMorning(clinic: Awaited<ReturnType<typeof startClinic>>) {
  const { host, day, clock } = clinic
  const [s1, s2, s3] = day.slotsA
  const who = [
    ['陈晓东', s1, '发热两天，最高 38.6 度，伴咽痛'],
    ['林美华', s1, '复诊：高血压，调整用药'],
    ['欧阳志远', s1, '咳嗽一周，夜间加重'],
    ['黄丽', s1, '头晕乏力'],
    ['周建平', s2, '胃部不适，饭后胀痛'],
    ['吴小梅', s2, ''],
    ['郑国强', s2, '腰痛复查'],
    ['孙婷', s3, '皮疹瘙痒三天'],
    ['马骏', s3, '体检报告解读'],
  ] as const
  const booked: Appointment[] = []
  for (const [name, slot, complaint] of who) booked.push(await book(host, slot!, name, complaint))
  const id = (i: number) => booked[i]!.id
  for (const i of [0, 1, 2, 3, 4, 6])
    await host.must(RECEPTION, 'appointments.checkIn', { id: id(i) })
  await host.must(RECEPTION, 'appointments.cancel', { id: id(5), reason: '患者来电取消' })
  clock.set('2026-03-02T00:05:00.000Z') // 08:05
  const doctor = { role: 'doctor' as const, doctorId: day.doctorA.id, label: 'screenshot-doctor' }
  await host.must(doctor, 'queue.callNext', { doctorId: day.doctorA.id })
  await host.must(doctor, 'queue.start', { id: id(0) })
  await host.must(doctor, 'queue.complete', { id: id(0) })
  await host.must(doctor, 'queue.callNext', { doctorId: day.doctorA.id })
  await host.must(doctor, 'queue.skip', { id: id(1) })
  await host.must(doctor, 'queue.noShow', { id: id(3) }).catch(() => undefined)
  clock.set('2026-03-02T00:40:00.000Z') // 08:40
  const b1 = await book(host, day.slotsB[1]!, '刘德明', '复诊')
  const b2 = await book(host, day.slotsB[1]!, '何静怡', '')
  for (const b of [b1, b2]) await host.must(RECEPTION, 'appointments.checkIn', { id: b.id })
  const doctorB = {
    role: 'doctor' as const,
    doctorId: day.doctorB.id,
    label: 'screenshot-doctor-b',
  }
  await host.must(doctorB, 'queue.callNext', { doctorId: day.doctorB.id })
  return { booked, doctor }
}
