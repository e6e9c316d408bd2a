// The clients of bench:concurrency: N WebSocket connections to a host, each with one booking in
// flight at a time (a desk waits for its answer before the next), the same for both hosts.
import WebSocket from 'ws'
import type { Band } from './concurrency-clinic'

interface Reply {
  result?: unknown
  error?: { code: number; message: string; data?: { code?: string } }
}
export interface BenchClient {
  call(method: string, params: unknown): Promise<Reply>
  close(): void
}

export function connectClient(url: string): Promise<BenchClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    const pending = new Map<number, { done: (r: Reply) => void; fail: (e: Error) => void }>()
    let nextId = 1
    // A host that dies mid-run fails the run instead of leaving its clients waiting for ever.
    ws.on('close', () => {
      for (const p of pending.values()) p.fail(new Error(`${url} closed with calls in flight`))
      pending.clear()
    })
    // Pushed events (every booking sends some to every ClinicDesk client, none to the original's)
    // are dropped unparsed: with 32 clients in this one process, parsing 32 frames per booking
    // took the second core from the host and measured the bench's client instead of the host.
    ws.on('message', (data: Buffer) => {
      if (isNotification(data)) return
      const frame = JSON.parse(String(data)) as Reply & { id?: number }
      if (typeof frame.id !== 'number') return
      pending.get(frame.id)?.done(frame)
      pending.delete(frame.id)
    })
    ws.once('error', reject)
    ws.once('open', () =>
      resolve({
        call: (method, params) =>
          new Promise((done, fail) => {
            if (ws.readyState !== WebSocket.OPEN) return fail(new Error(`${url} is closed`))
            const id = nextId++
            pending.set(id, { done, fail })
            ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
          }),
        close: () => ws.close(),
      }),
    )
  })
}

const NOTIFICATION = Buffer.from('{"jsonrpc":"2.0","method":')

/**
 * A JSON-RPC notification or batch of them, as the host writes them (host/notification-frame.ts),
 * told from an answer by its first bytes; anything else is parsed, so no answer is ever lost.
 */
function isNotification(data: Buffer): boolean {
  // '[': a batch, which only notifications come as (these clients never send a batch request).
  if (data[0] === 0x5b) return true
  return (
    data.length > NOTIFICATION.length && data.subarray(0, NOTIFICATION.length).equals(NOTIFICATION)
  )
}

/** Where each client books next: a band, or null when it is done. */
export type Pick = (client: number) => Band | null

export interface WindowResult {
  readonly calls: number
  readonly booked: number
  /** Answers by error code (SLOT_TAKEN is expected on hot bands; anything else is a failure). */
  readonly refused: Record<string, number>
  readonly ms: number
  readonly latencies: number[]
}

/**
 * Every client books until pick says it is done, one call in flight each; patient k of the run
 * for the k-th call, so no two bookings of a doctor-day share a patient.
 */
export async function bookWindow(
  clients: readonly BenchClient[],
  pick: Pick,
  patients: readonly number[],
  onRefused: (band: Band, code: string) => void = () => {},
): Promise<WindowResult> {
  let calls = 0
  let booked = 0
  const refused: Record<string, number> = {}
  const latencies: number[] = []
  const run = `${process.pid}-${Date.now().toString(36)}`
  const start = performance.now()
  await Promise.all(
    clients.map(async (client, c) => {
      for (let band = pick(c); band; band = pick(c)) {
        const k = calls++
        if (k >= patients.length) throw new Error(`more calls than the ${patients.length} patients`)
        const t = performance.now()
        const reply = await client.call('appointments.book', {
          slotId: band.slotId,
          patientId: patients[k],
          idempotencyKey: `bench-${run}-${k}`,
        })
        latencies.push(performance.now() - t)
        if (reply.result !== undefined) booked++
        else {
          const code =
            reply.error?.data?.code ?? `rpc ${reply.error?.code}: ${reply.error?.message}`
          refused[code] = (refused[code] ?? 0) + 1
          onRefused(band, code)
        }
      }
    }),
  )
  return { calls, booked, refused, ms: performance.now() - start, latencies }
}

/** A small seeded generator (mulberry32): both hosts see the same sequence of choices. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
