// Body of `npm run bench:ws-profile` (see bench/ws-profile.ts), one bundle in two roles:
// `host` — a host in browser mode on a fresh database; it forks this same file as
// `clients <url> <desks>` — the desks' sockets, in a process of their own so that the host's
// process.cpuUsage counts the host's work only (parsing, dispatch, the booking, its events).
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBrowserMode } from '../src/main/host/browser-mode'
import { createHost, DATABASE_FILE } from '../src/main/host/create-host'
import { SYSTEM_CALLERS } from '../src/main/host/system-callers'
import { connectRpc, type RpcTestClient } from '../tests/helpers/rpc-client'
import { machine, peakRssMb } from './bench-host'
import { startProfiler, topFrames } from './cpu-profile'
import { generateDb } from './generate-db'
import { meanSince } from './group-sizes'

const DESKS = Number(process.env.BENCH_DESKS ?? 8)
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1500)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const WARM_UP = 500
const PATIENTS = 3000
const USER = 'bench-desk'
const SECRET = 'bench-secret-1'

/** One call a desk makes and waits for. */
interface Job {
  readonly method: string
  readonly params: unknown
}
type ToClients = { type: 'window'; jobs: Job[][] } | { type: 'exit' }
type FromClients = { type: 'ready' } | { type: 'done'; ms: number; failed: number; first?: string }

async function host(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-wscpu-'))
  // Five departments' doctors with weekly sessions and 3,000 patients, no appointments.
  generateDb(join(dir, DATABASE_FILE), 0, PATIENTS)
  const clinic = await createHost({ dataDir: dir })
  const admin = SYSTEM_CALLERS.host
  await clinic.client.must(admin, 'staff.create', {
    name: '管理员',
    username: 'bench-admin',
    role: 'admin',
    secret: 'bench-admin-secret',
  })
  await clinic.client.must(admin, 'staff.create', {
    name: '挂号员',
    username: USER,
    role: 'reception',
    secret: SECRET,
  })
  // Bands from the day after tomorrow on (none in the past whatever the hour), one booking each.
  const bands = clinic.database.sqlite
    .prepare(
      `SELECT id FROM doctor_schedules WHERE date > date('now', '+1 day') AND booked = 0 AND status = 'AVAILABLE' ORDER BY date, doctor_id, start_time`,
    )
    .all() as { id: number }[]
  const need = WARM_UP + (ROUNDS + 1) * BOOKINGS
  if (bands.length < need) throw new Error(`only ${bands.length} free bands for ${need} bookings`)
  let next = 0
  const run = Date.now().toString(36)
  /** n bookings dealt out to the desks: each desk its own bands, so no two desks ever meet. */
  const window = (n: number): Job[][] => {
    const jobs: Job[][] = Array.from({ length: DESKS }, () => [])
    for (let i = 0; i < n; i++, next++)
      jobs[i % DESKS]!.push({
        method: 'appointments.book',
        params: {
          slotId: bands[next]!.id,
          // Consecutive bands are one doctor's day: 3,000 patients never meet twice in one.
          patientId: 1 + (next % PATIENTS),
          idempotencyKey: `${run}-${next}`,
        },
      })
    return jobs
  }
  /** n calls that touch no table: what the path itself costs (parse, dispatch, zod, answer). */
  const bare = (n: number): Job[][] =>
    Array.from({ length: DESKS }, (_, d) =>
      Array.from({ length: Math.ceil((n - d) / DESKS) }, () => ({
        method: 'session.whoami',
        params: {},
      })),
    )

  const server = await startBrowserMode({ host: clinic, rendererDir: dir, port: 0 })
  const rpcUrl = `${server.url.replace('http://', 'ws://')}/rpc`
  const child = fork(process.argv[1]!, ['clients', rpcUrl, String(DESKS)], { stdio: 'inherit' })
  const inbox = messages(child)
  try {
    await inbox.next('ready')
    /** One window: the desks book n places; the host's CPU over exactly that span. */
    const book = async (n: number, jobs = window(n)) => {
      const message: ToClients = { type: 'window', jobs }
      child.send(message)
      const sizes0 = new Map(clinic.writer.groupSizes)
      const cpu0 = process.cpuUsage()
      const done = await inbox.next('done')
      const cpu = process.cpuUsage(cpu0)
      const perCommit = meanSince(clinic.writer.groupSizes, sizes0)
      if (done.failed > 0) throw new Error(`${done.failed} bookings failed, first: ${done.first}`)
      return {
        perSecond: (n / done.ms) * 1000,
        cpuMs: (cpu.user + cpu.system) / 1000 / n,
        userMs: cpu.user / 1000 / n,
        perCommit,
      }
    }
    const line = (label: string, r: Awaited<ReturnType<typeof book>>) =>
      `  ${label.padEnd(14)} ${r.perSecond.toFixed(0).padStart(5)} bookings/s   host CPU ${r.cpuMs.toFixed(3)} ms per booking (user ${r.userMs.toFixed(3)}), ${r.perCommit.toFixed(1)} bookings per COMMIT`

    console.log(
      `ws booking benchmark: ${DESKS} desks on their own sockets, ${BOOKINGS} bookings per window, ${machine()}, Node ${process.version}, host pid ${process.pid}`,
    )
    await book(WARM_UP)
    const measured = []
    for (let round = 1; round <= ROUNDS; round++) {
      const r = await book(BOOKINGS)
      measured.push(r.cpuMs)
      console.log(line(`window ${round}`, r))
    }
    const path = await book(BOOKINGS, bare(BOOKINGS))
    console.log(
      `  the path alone (session.whoami: no table, no event): ${path.cpuMs.toFixed(3)} ms per call`,
    )
    const profiler = await startProfiler()
    const profiled = await book(BOOKINGS)
    const profile = await profiler.stop()
    console.log(line('profiled', profiled))
    const out = process.env.BENCH_PROFILE_OUT
    if (out) {
      const file = join(out, `ws-cpu-${run}.cpuprofile`)
      writeFileSync(file, JSON.stringify(profile))
      console.log(`  profile written to ${file}`)
    }
    const { frames, origins } = topFrames(profile)
    console.log(`top self-time frames of the profiled window:\n${frames.join('\n')}`)
    console.log(`self time by origin:\n${origins.join('\n')}`)
    console.log(`peak RSS of the host process: ${peakRssMb()} MB`)
    const best = Math.min(...measured)
    console.log(`ws booking host CPU: ${best.toFixed(3)} ms (lowest of ${ROUNDS} windows)`)
  } finally {
    child.send({ type: 'exit' } satisfies ToClients)
    await server.close()
    await clinic.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The child's messages, awaited one type at a time. */
function messages(child: ChildProcess): {
  next<T extends FromClients['type']>(type: T): Promise<Extract<FromClients, { type: T }>>
} {
  const queue: FromClients[] = []
  let wake: (() => void) | undefined
  child.on('message', (m) => {
    queue.push(m as FromClients)
    wake?.()
  })
  child.on('exit', (code) => {
    if (code !== 0) queue.push({ type: 'done', ms: 0, failed: -1, first: `clients exited ${code}` })
    wake?.()
  })
  return {
    async next(type) {
      for (;;) {
        const m = queue.shift()
        if (m?.type === type) return m as never
        if (m?.type === 'done') throw new Error(`clients: ${m.first}`)
        if (!m) await new Promise<void>((resolve) => (wake = resolve))
      }
    },
  }
}

async function clients(url: string, desks: number): Promise<void> {
  const sockets: RpcTestClient[] = []
  for (let i = 0; i < desks; i++) {
    const socket = await connectRpc(url)
    const reply = await socket.request('login', 'auth.login', { username: USER, secret: SECRET })
    if (!reply.result) throw new Error(`sign-in failed: ${JSON.stringify(reply.error)}`)
    sockets.push(socket)
  }
  let id = 0
  const send = (m: FromClients) => process.send!(m)
  send({ type: 'ready' })
  process.on('message', (m: ToClients) => {
    if (m.type === 'exit') {
      for (const s of sockets) s.close()
      process.exit(0)
    }
    void (async () => {
      const t = performance.now()
      let failed = 0
      let first: string | undefined
      await Promise.all(
        sockets.map(async (socket, i) => {
          for (const job of m.jobs[i]!) {
            const reply = await socket.request(++id, job.method, job.params)
            if (reply.error) {
              failed++
              first ??= JSON.stringify(reply.error)
            }
            socket.frames.length = 0 // the events each booking brings: read, not kept
          }
        }),
      )
      send({ type: 'done', ms: performance.now() - t, failed, first })
    })()
  })
}

const [mode, url, desks] = process.argv.slice(2)
if (mode === 'host') await host()
else if (mode === 'clients' && url && desks) await clients(url, Number(desks))
else throw new Error('usage: ws-profile-run.mjs host | clients <url> <desks>')
