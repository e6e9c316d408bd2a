/**
 * Push latency: a booking committed on the host → the doctor's page DOM showing it.
 *
 *   npm run bench:live            (after `npm run build`; CLINIC_RENDERER_DIR picks another build)
 *
 * One process runs the real host in browser mode (SQLite file, write helper, event bus, WebSocket
 * transport). Playwright opens a reception page and a doctor page in Debian's Chromium. Each
 * booking is sent through a WebSocket that the reception page opens to the host (the same origin
 * and JSON-RPC its bridge uses, signed in as the page is), one at a time and at most one per
 * PACE_MS. Timestamps, all as timeOrigin + now() (ms since the epoch, sub-millisecond):
 *   commit  — the write helper handing the commit's events to the event bus, right after COMMIT;
 *   socket  — a bare `ws` client in a worker thread (own event loop), signed in as the same
 *             doctor, receiving the raw event frame;
 *   page    — the doctor page's own WebSocket receiving the frame (a wrapper around WebSocket);
 *   DOM     — a MutationObserver in the doctor page seeing the booking's row inserted
 *             (event → bridge → appointments.get → store → React commit; the full re-read of
 *             queue.forDoctorDay follows and replaces the list).
 * The browser's clock is checked against Node's by round trips and the estimate printed.
 */
import { existsSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Page } from 'playwright-core'
import type { Caller } from '../src/shared/roles'
import { RENDERER_DIR, startTestBrowserHost } from '../tests/helpers/browser-host'
import { launchChromium } from '../tests/helpers/chromium'
import { openScreen } from '../tests/helpers/open-screen'

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 200)
const WARM_UP = 10
/** One booking at most every this many ms: a busy front desk books a few a second, not a burst. */
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 100)
const ADMIN: Caller = { role: 'admin', label: 'bench-admin' }
const RECEPTION: Caller = { role: 'reception', label: 'bench-desk' }
if (!existsSync(join(RENDERER_DIR, 'doctor.html'))) {
  console.error(`No built renderer in ${RENDERER_DIR}: run \`npm run build\` first.`)
  process.exit(1)
}

const wallNow = (): number => performance.timeOrigin + performance.now()

/** The sign-in a page holds for its tab (browser mode keeps it in sessionStorage), if any. */
const sessionToken = (page: Page): Promise<string | null> =>
  page.evaluate(() => sessionStorage.getItem('clinicdesk.session'))

/** Monday 07:00 in the clinic's zone: the whole day's bands are ahead, whatever the real time. */
const clock = { now: () => new Date('2026-03-01T23:00:00.000Z') }
const TODAY = '2026-03-02'

const started = await startTestBrowserHost({ clock })
const { host, server } = started
// Commit times: the write helper calls bus.publishBatch once right after COMMIT; stamp before any
// subscriber (the WebSocket transport among them) runs.
const committedAt = new Map<number, number>()
const publishBatch = host.bus.publishBatch.bind(host.bus)
host.bus.publishBatch = (queued) => {
  const at = wallNow()
  for (const { event, payload } of queued)
    if (event === 'appointment.created')
      committedAt.set((payload as { appointmentId: number }).appointmentId, at)
  return publishBatch(queued)
}

// The clinic: one doctor, Monday 08:00–18:00 in 30-minute bands of 20 places, patients to book.
const dept = await host.must(ADMIN, 'departments.create', { name: '内科' })
const room = await host.must(ADMIN, 'rooms.create', { name: '1诊室' })
const doctor = await host.must(ADMIN, 'doctors.create', {
  name: '王建国',
  title: '主任医师',
  departmentId: dept.id,
  roomId: room.id,
})
await host.must(ADMIN, 'templates.save', {
  doctorId: doctor.id,
  weekday: 1,
  startTime: '08:00',
  endTime: '18:00',
  slotMinutes: 30,
  quotaPerSlot: 20,
  walkInPerSlot: 0,
})
await host.must(ADMIN, 'schedules.generate', {})
const slots = await host.must(RECEPTION, 'slots.forDoctorDay', { doctorId: doctor.id, date: TODAY })
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚'
const patients: number[] = []
for (let i = 0; i < BOOKINGS + WARM_UP; i++) {
  const name = `${SURNAMES[i % 20]}${GIVEN[Math.floor(i / 20) % 20]}${GIVEN[(i * 7) % 20]}`
  const p = await host.must(RECEPTION, 'patients.register', {
    name,
    sex: i % 2 ? 'M' : 'F',
    phone: `138${String(10_000_000 + i).slice(0, 8)}`,
  })
  patients.push(p.id)
}

const browser = await launchChromium()
const context = await browser.newContext()
const doctorPage = await context.newPage()
await doctorPage.addInitScript(() => {
  const seen: Record<string, number> = {}
  const arrived: Record<string, number> = {}
  Object.assign(window, { __seen: seen, __arrived: arrived })
  // When the page's own socket receives the event (before the bridge, the store and React).
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args)
      this.addEventListener('message', (e) => {
        const at = performance.timeOrigin + performance.now()
        if (typeof e.data !== 'string' || !e.data.includes('"appointment.created"')) return
        // One frame per commit: a notification, or a batch of them.
        const frame = JSON.parse(e.data)
        for (const n of Array.isArray(frame) ? frame : [frame])
          if (n.method === 'appointment.created') arrived[n.params.appointmentId] = at
      })
    }
  }
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now()
    for (const record of records)
      for (const node of Array.from(record.addedNodes)) {
        if (!(node instanceof HTMLElement)) continue
        const rows = node.matches('[data-testid="queue-row"]')
          ? [node]
          : Array.from(node.querySelectorAll<HTMLElement>('[data-testid="queue-row"]'))
        for (const row of rows) {
          const id = row.dataset.appointmentId
          if (id && !(id in seen)) seen[id] = at
        }
      }
  }).observe(document, { childList: true, subtree: true })
})
await openScreen(doctorPage, server.url, { kind: 'doctor', doctorId: doctor.id })
await doctorPage.getByTestId('queue-empty').waitFor()

const receptionPage = await context.newPage()
await openScreen(receptionPage, server.url, { kind: 'reception' })
await receptionPage.evaluate(
  async ({ url, token }) => {
    const ws = new WebSocket(url)
    await new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)))
    let next = 1
    const waiting = new Map<number, (v: unknown) => void>()
    ws.onmessage = (e) => {
      const frame = JSON.parse(String(e.data))
      waiting.get(frame.id)?.(frame)
    }
    const call = (method: string, params: unknown) =>
      new Promise((resolve) => {
        const id = next++
        waiting.set(id, resolve)
        ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
      })
    Object.assign(window, {
      __call: call,
      __book: (params: unknown) => call('appointments.book', params),
    })
    if (token) await call('auth.resume', { token })
  },
  {
    url: `${server.url.replace('http', 'ws')}/rpc?screen=reception`,
    token: await sessionToken(receptionPage),
  },
)

// Both extra sockets sign in as their page did: by resuming the page's sign-in once staff login
// exists, else (the development picker) by naming their screen in the query.
const wsUrl = `${server.url.replace('http', 'ws')}/rpc?screen=doctor&doctor=${doctor.id}`

// The bare socket, on its own thread so that its reading does not wait on the host's loop.
const socketAt = new Map<number, number>()
const worker = new Worker(
  `const { parentPort, workerData } = require('node:worker_threads')
   const WebSocket = require(workerData.ws)
   const ws = new WebSocket(workerData.url)
   ws.on('open', () => {
     if (!workerData.token) return parentPort.postMessage({ ready: true })
     ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'auth.resume', params: { token: workerData.token } }))
   })
   ws.on('message', (data) => {
     const at = performance.timeOrigin + performance.now()
     const frame = JSON.parse(String(data))
     if (frame.id === 1) parentPort.postMessage(frame.error ? { failed: JSON.stringify(frame.error) } : { ready: true })
     for (const n of Array.isArray(frame) ? frame : [frame])
       if (n.method === 'appointment.created') parentPort.postMessage({ id: n.params.appointmentId, at })
   })`,
  {
    eval: true,
    workerData: {
      url: wsUrl,
      token: await sessionToken(doctorPage),
      ws: join(import.meta.dirname, '..', 'node_modules', 'ws', 'index.js'),
    },
  },
)
await new Promise<void>((resolve) =>
  worker.on('message', (m: { ready?: boolean; failed?: string; id?: number; at?: number }) => {
    if (m.failed) throw new Error(`bare socket could not sign in: ${m.failed}`)
    if (m.ready) resolve()
    else if (m.id !== undefined && m.at !== undefined) socketAt.set(m.id, m.at)
  }),
)

/** Browser clock minus Node clock, from the tightest of a few round trips. */
async function clockOffset(page: Page): Promise<{ offset: number; roundTrip: number }> {
  let best = { offset: 0, roundTrip: Infinity }
  for (let i = 0; i < 20; i++) {
    const t0 = wallNow()
    const b = await page.evaluate(() => performance.timeOrigin + performance.now())
    const t1 = wallNow()
    if (t1 - t0 < best.roundTrip) best = { offset: b - (t0 + t1) / 2, roundTrip: t1 - t0 }
  }
  return best
}
const offsetBefore = await clockOffset(doctorPage)

const domMs: number[] = []
const pageSocketMs: number[] = []
const socketMs: number[] = []
for (let i = 0; i < BOOKINGS + WARM_UP; i++) {
  const paceUntil = wallNow() + PACE_MS
  const frame = (await receptionPage.evaluate(
    (params) => (window as unknown as { __book: (p: unknown) => Promise<unknown> }).__book(params),
    {
      slotId: slots[Math.floor(i / 20)]!.id,
      patientId: patients[i],
      idempotencyKey: `bench-live-${i}`,
    },
  )) as { result?: { id: number }; error?: unknown }
  if (!frame.result) throw new Error(`booking ${i} failed: ${JSON.stringify(frame.error)}`)
  const id = frame.result.id
  const handle = await doctorPage.waitForFunction(
    (key) => (window as unknown as { __seen: Record<string, number> }).__seen[key],
    String(id),
    { timeout: 10_000 },
  )
  const shownAt = (await handle.jsonValue()) as number
  const arrivedAt = (await doctorPage.evaluate(
    (key) => (window as unknown as { __arrived: Record<string, number> }).__arrived[key],
    String(id),
  )) as number
  while (!socketAt.has(id)) await new Promise((r) => setTimeout(r, 1))
  // The doctor page's full re-read of this booking finishes within the pause, before the next one.
  while (wallNow() < paceUntil) await new Promise((r) => setTimeout(r, 5))
  if (i < WARM_UP) continue
  const committed = committedAt.get(id)!
  domMs.push(shownAt - committed)
  pageSocketMs.push(arrivedAt - committed)
  socketMs.push(socketAt.get(id)! - committed)
}
const offsetAfter = await clockOffset(doctorPage)

const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
const line = (label: string, v: number[]): string =>
  `${label.padEnd(34)} p50 ${pct(v, 50).toFixed(2).padStart(7)} ms   p95 ${pct(v, 95).toFixed(2).padStart(7)} ms   p99 ${pct(v, 99).toFixed(2).padStart(7)} ms   max ${Math.max(
    ...v,
  )
    .toFixed(2)
    .padStart(7)} ms`

console.log(
  `bench:live — ${BOOKINGS} bookings (after ${WARM_UP} warm-up), one every ≥ ${PACE_MS} ms, booked through a WebSocket opened by the reception page; the doctor's day grows to ${BOOKINGS + WARM_UP} patients`,
)
console.log(
  `clock check, browser − node: ${offsetBefore.offset.toFixed(2)} ms before, ${offsetAfter.offset.toFixed(2)} ms after (±half a round trip of ${offsetBefore.roundTrip.toFixed(2)} ms; both clocks are the system's, not corrected)`,
)
console.log(`machine load average (1 min): ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`)
console.log(line('commit → bare ws client (raw event)', socketMs))
console.log(line('commit → doctor page socket', pageSocketMs))
console.log(line('commit → doctor page DOM', domMs))
const ok = pct(domMs, 50) <= 16 && pct(domMs, 95) <= 50
console.log(`targets (p50 ≤ 16 ms, p95 ≤ 50 ms): ${ok ? 'met' : 'NOT met'}`)

await browser.close()
await worker.terminate()
await started.stop()
