/**
 * Host CPU per booking over WebSocket, with a clinic's worth of screens listening.
 *
 *   npm run bench:ws-cpu        (no build needed; BENCH_BOOKINGS, BENCH_DESKS, BENCH_DOCTOR_SCREENS)
 *
 * This process is the host: a real SQLite file, the write helper, the bus and the WebSocket
 * transport. Every socket lives in a second OS process (bench/ws-cpu-clients.ts), so that
 * `process.cpuUsage()` here counts only what the host spends: parsing requests, booking,
 * committing, and pushing the events of each commit to every socket allowed to see them.
 * Desks book concurrently (one booking in flight per desk); doctor screens, displays and an
 * admin only listen. The figure is (user + system CPU of this process) / bookings, measured from
 * the first booking sent to the last event received by every socket.
 */
import { fork } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { startBrowserMode } from '../src/main/host/browser-mode'
import { ensureDoctorAccount, seedStaff, TEST_SECRET, TEST_USERS } from '../tests/helpers/accounts'
import { tempDir } from '../tests/helpers/temp-dir'
import { ADMIN, makeTestHost, RECEPTION } from '../tests/helpers/test-host'
import type { ClientPlan, ClientReport } from './ws-cpu-clients'

const DOCTORS = 8
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1600)
const DESKS = Number(process.env.BENCH_DESKS ?? 6)
const DOCTOR_SCREENS = Number(process.env.BENCH_DOCTOR_SCREENS ?? 3)
const DISPLAYS = 2
const BANDS = 20
const QUOTA = 20
if (BOOKINGS > DOCTORS * BANDS * QUOTA)
  throw new Error(`at most ${DOCTORS * BANDS * QUOTA} bookings`)

/** Monday 07:00 in the clinic's zone: every band of the day is ahead. */
const clock = { now: () => new Date('2026-03-01T23:00:00.000Z') }
const TODAY = '2026-03-02'

const host = await makeTestHost({ clock })
await seedStaff(host)
const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
const slotsOf: number[][] = []
const doctorUsers: string[] = []
for (let d = 0; d < DOCTORS; d++) {
  const doctor = await host.must(ADMIN, 'doctors.create', {
    name: `医生${d + 1}`,
    departmentId: dept.id,
  })
  await host.must(ADMIN, 'templates.save', {
    doctorId: doctor.id,
    weekday: 1,
    startTime: '08:00',
    endTime: '18:00',
    slotMinutes: 30,
    quotaPerSlot: QUOTA,
    walkInPerSlot: 0,
  })
  doctorUsers.push(await ensureDoctorAccount(host, doctor.id))
}
await host.must(ADMIN, 'schedules.generate', {})
for (const doctor of (await host.must(ADMIN, 'directory.get', {})).doctors)
  slotsOf.push(
    (await host.must(RECEPTION, 'slots.forDoctorDay', { doctorId: doctor.id, date: TODAY })).map(
      (s) => s.id,
    ),
  )
const patients: number[] = []
for (let i = 0; i < BOOKINGS; i++)
  patients.push(
    (
      await host.must(RECEPTION, 'patients.register', {
        name: `病人${i}`,
        sex: i % 2 ? 'M' : 'F',
        phone: `139${String(10_000_000 + i)}`,
      })
    ).id,
  )

const renderer = tempDir() // the transport needs no built pages
const server = await startBrowserMode({ host, rendererDir: renderer.path, port: 0 })

const login = (username: string, screen?: 'display') => ({ username, secret: TEST_SECRET, screen })
const plan: ClientPlan = {
  url: `${server.url.replace('http://', 'ws://')}/rpc`,
  desks: Array.from({ length: DESKS }, () => login(TEST_USERS.reception)),
  listeners: [
    login(TEST_USERS.admin),
    ...Array.from({ length: DISPLAYS }, () => login(TEST_USERS.reception, 'display')),
    ...doctorUsers.flatMap((u) => Array.from({ length: DOCTOR_SCREENS }, () => login(u))),
  ],
  // Booking i goes to doctor i mod DOCTORS, filling that doctor's bands in order.
  bookings: patients.map((patientId, i) => ({
    slotId: slotsOf[i % DOCTORS]![Math.floor(i / DOCTORS / QUOTA)]!,
    patientId,
    idempotencyKey: `bench-ws-cpu-${i}`,
  })),
}

const child = fork(join(import.meta.dirname, '..', 'scripts', 'run-ts.mjs'), [
  join(import.meta.dirname, 'ws-cpu-clients.ts'),
])
const next = (): Promise<{ ready?: true } & Partial<ClientReport>> =>
  new Promise((resolve, reject) => {
    child.once('message', resolve)
    child.once('exit', (code) => reject(new Error(`clients exited with ${code}`)))
  })
child.send(plan)
await next() // every socket signed in
const cpuBefore = process.cpuUsage()
child.send('go')
const report = (await next()) as ClientReport
const cpu = process.cpuUsage(cpuBefore)
child.kill()

const sockets = plan.desks.length + plan.listeners.length
const cpuUs = cpu.user + cpu.system
console.log(
  `bench:ws-cpu — ${BOOKINGS} bookings from ${DESKS} desks at once; ${sockets} sockets signed in (${DESKS} desks, ${DOCTORS}×${DOCTOR_SCREENS} doctor screens, ${DISPLAYS} displays, 1 admin)`,
)
console.log(`machine load average (1 min): ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`)
console.log(
  `wall ${report.ms.toFixed(0)} ms (${((BOOKINGS / report.ms) * 1000).toFixed(0)} bookings/s); failed ${report.failed}`,
)
console.log(
  `event frames received: ${report.frames} (${(report.frames / BOOKINGS).toFixed(2)} per booking), events in them: ${report.events}`,
)
console.log(
  `host CPU: ${(cpuUs / 1000).toFixed(0)} ms (user ${(cpu.user / 1000).toFixed(0)}, system ${(cpu.system / 1000).toFixed(0)}) = ${(cpuUs / BOOKINGS).toFixed(0)} µs per booking`,
)

await server.close()
await host.dispose()
renderer.remove()
