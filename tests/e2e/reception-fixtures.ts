import type { Browser, Page } from 'playwright-core'
import type { Appointment, Doctor, Patient } from '../../src/shared/contract'
import { startTestBrowserHost } from '../helpers/browser-host'
import { openScreen } from '../helpers/open-screen'
import { ADMIN, RECEPTION, manualClock, type TestHost } from '../helpers/test-host'
import { docShot } from '../helpers/doc-screenshots'

/**
 * Monday 2026-03-02, 09:10 in Asia/Shanghai: the 08:00–09:00 bands are over, the rest of
 * the morning is ahead; tomorrow is wide open. The clock stands still unless a test moves it.
 */
export const NOW = '2026-03-02T01:10:00.000Z'
export const TODAY = '2026-03-02'
export const TOMORROW = '2026-03-03'

export interface ReceptionClinic {
  readonly host: TestHost
  readonly url: string
  readonly clock: ReturnType<typeof manualClock>
  readonly departmentId: number
  readonly doctorA: Doctor
  readonly doctorB: Doctor
  /** 王芳, a returning phone patient (mobile 13800135678, ID number on file). */
  readonly wang: Patient
  readonly li: Patient
  stop(): Promise<void>
}

/**
 * A small clinic built through the contract as its admin would: 内科 with two doctors in their
 * rooms, every day 08:00–12:00 in 30-minute bands (4 places, 1 kept for walk-ins today), and
 * afternoon 14:00–17:00 for doctor A; two returning patients.
 */
export async function startReceptionClinic(
  options: { quota?: number; walkIn?: number } = {},
): Promise<ReceptionClinic> {
  const clock = manualClock(NOW)
  const started = await startTestBrowserHost({ clock })
  const { host } = started
  await host.must(ADMIN, 'settings.update', { clinicName: '康宁诊所' })
  const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
  await host.must(ADMIN, 'departments.create', { name: '儿科' })
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
  for (const doctor of [doctorA, doctorB]) {
    for (let weekday = 1; weekday <= 7; weekday++) {
      const band = {
        doctorId: doctor.id,
        weekday,
        slotMinutes: 30,
        quotaPerSlot: options.quota ?? 4,
        walkInPerSlot: options.walkIn ?? 1,
      }
      await host.must(ADMIN, 'templates.save', { ...band, startTime: '08:00', endTime: '12:00' })
      if (doctor === doctorA)
        await host.must(ADMIN, 'templates.save', { ...band, startTime: '14:00', endTime: '17:00' })
    }
  }
  await host.must(ADMIN, 'schedules.generate', {})
  const wang = await host.must(RECEPTION, 'patients.register', {
    name: '王芳',
    sex: 'F',
    birthDate: '1985-04-12',
    phone: '13800135678',
    idNumber: '110105198504124525',
  })
  const li = await host.must(RECEPTION, 'patients.register', {
    name: '李明',
    sex: 'M',
    birthDate: '1990-01-01',
    phone: '13912344321',
  })
  return { ...started, clock, departmentId: dept.id, doctorA, doctorB, wang, li }
}

let keyNo = 0
export const key = (): string => `rx-e2e-${process.pid}-${++keyNo}`

export async function bookAt(
  clinic: ReceptionClinic,
  doctorId: number,
  date: string,
  startTime: string,
  patientId: number,
): Promise<Appointment> {
  const slots = await clinic.host.must(RECEPTION, 'slots.forDoctorDay', { doctorId, date })
  const slot = slots.find((s) => s.startTime === startTime)
  if (!slot) throw new Error(`no band ${startTime} on ${date}`)
  return clinic.host.must(RECEPTION, 'appointments.book', {
    slotId: slot.id,
    patientId,
    idempotencyKey: key(),
  })
}

/** A reception page at 1366×768 (the smallest screen a desk has), open and showing its grid. */
export async function openReception(
  browser: Browser,
  url: string,
  language: 'zh-CN' | 'en' = 'zh-CN',
  prepare?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
  page.on('pageerror', (e) => console.error('[reception page]', e.message))
  await prepare?.(page)
  await openScreen(page, url, { kind: 'reception' }, language)
  await page
    .locator('button.rx-band')
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(async (e) => {
      await page.screenshot({ path: '.tmp/reception-failed.png' })
      throw e
    })
  return page
}

/** The band button of a doctor at a start time in the desk's grid. */
export const band = (page: Page, doctorId: number, start: string) =>
  page.locator(`[data-testid="rx-grid"] [data-doctor="${doctorId}"] button[data-start="${start}"]`)

export const shot = (page: Page, name: string) => docShot(page, `reception-${name}`)

/**
 * Puts a switch between a page and the host: while `hold` is on, slots.changed notifications
 * wait (then arrive in order), so the page's grid is a moment behind — exactly what a desk
 * sees when another desk wins a race by milliseconds. Nothing is dropped or invented.
 */
export async function delaySlotEvents(page: Page): Promise<{ hold: boolean; release(): void }> {
  const waiting: (() => void)[] = []
  const gate = {
    hold: false,
    release() {
      gate.hold = false
      for (const send of waiting.splice(0)) send()
    },
  }
  await page.routeWebSocket(/\/rpc/, (ws) => {
    const server = ws.connectToServer()
    ws.onMessage((m) => server.send(m))
    server.onMessage((m) => {
      if (gate.hold && typeof m === 'string' && m.includes('"slots.changed"'))
        waiting.push(() => ws.send(m))
      else ws.send(m)
    })
  })
  return gate
}

/**
 * Puts a cable between a page and the host that can be pulled once: after `cut.arm(method)`, the
 * next call to that method reaches the host and is done, but its answer is thrown away and the
 * page's socket closed — the worst moment for a LAN to drop. Later sockets pass untouched.
 */
export async function cuttableLink(page: Page): Promise<{ arm(method: string): Promise<void> }> {
  let armed: { method: string; done: () => void } | null = null
  await page.routeWebSocket(/\/rpc/, (ws) => {
    const server = ws.connectToServer()
    const swallow = new Set<unknown>()
    ws.onMessage((m) => {
      const frame =
        typeof m === 'string' ? (JSON.parse(m) as { id?: unknown; method?: string }) : {}
      if (armed && frame.method === armed.method) swallow.add(frame.id)
      server.send(m)
    })
    server.onMessage((m) => {
      const id = typeof m === 'string' ? (JSON.parse(m) as { id?: unknown }).id : undefined
      if (!swallow.has(id)) return ws.send(m)
      const done = armed?.done
      armed = null
      void ws.close({ code: 4000, reason: 'cable pulled' }).then(() => server.close())
      done?.()
    })
  })
  return {
    arm: (method) => new Promise((done) => void (armed = { method, done })),
  }
}
