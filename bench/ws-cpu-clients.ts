/**
 * The sockets of bench/ws-cpu.ts, in their own OS process so the host's CPU figure is the host's
 * alone. Gets the plan from its parent, signs every socket in, answers "ready"; on "go" the desks
 * book (one call in flight each), then every socket makes one last call: its answer comes after
 * every event the host sent that socket before it, so "done" means every push has arrived.
 */
import WebSocket from 'ws'

export interface Login {
  readonly username: string
  readonly secret: string
  readonly screen?: 'display'
}
export interface ClientPlan {
  readonly url: string
  readonly desks: readonly Login[]
  readonly listeners: readonly Login[]
  readonly bookings: readonly { slotId: number; patientId: number; idempotencyKey: string }[]
}
export interface ClientReport {
  readonly ms: number
  readonly failed: number
  /** Frames that carried events (one notification, or a batch of them). */
  readonly frames: number
  readonly events: number
}

interface Socket {
  call(method: string, params: unknown): Promise<{ result?: unknown; error?: unknown }>
  close(): void
}

let frames = 0
let events = 0

function open(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    const waiting = new Map<number, (frame: { result?: unknown; error?: unknown }) => void>()
    let nextId = 1
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { id?: number; result?: unknown } | unknown[]
      if (Array.isArray(frame)) {
        frames++
        events += frame.length
      } else if (frame.id === undefined) {
        frames++
        events++
      } else waiting.get(frame.id)?.(frame)
    })
    ws.once('error', reject)
    ws.once('open', () =>
      resolve({
        call: (method, params) =>
          new Promise((done) => {
            const id = nextId++
            waiting.set(id, (frame) => (waiting.delete(id), done(frame)))
            ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
          }),
        close: () => ws.close(),
      }),
    )
  })
}

const message = <T>(): Promise<T> => new Promise((resolve) => process.once('message', resolve))

const plan = await message<ClientPlan>()
const signIn = async (login: Login): Promise<Socket> => {
  const socket = await open(plan.url)
  const reply = await socket.call('auth.login', login)
  if (!reply.result) throw new Error(`sign-in failed: ${JSON.stringify(reply.error)}`)
  return socket
}
const desks = await Promise.all(plan.desks.map(signIn))
const listeners = await Promise.all(plan.listeners.map(signIn))
frames = 0
events = 0
process.send!({ ready: true })
await message<'go'>()

const started = performance.now()
let failed = 0
let next = 0
await Promise.all(
  desks.map(async (desk) => {
    while (next < plan.bookings.length) {
      const reply = await desk.call('appointments.book', plan.bookings[next++])
      if (!reply.result) failed++
    }
  }),
)
await Promise.all([...desks, ...listeners].map((s) => s.call('session.whoami', {})))
const ms = performance.now() - started
process.send!({ ms, failed, frames, events } satisfies ClientReport)
for (const s of [...desks, ...listeners]) s.close()
