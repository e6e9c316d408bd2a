import type { ClinicBridge } from '../../shared/bridge'
import type { EventName } from '../../shared/contract'
import { fail, type AppErrorShape, type Result } from '../../shared/errors'
import { connection } from '../stores/connection'

type Pending = { resolve: (result: Result<unknown>) => void }

/** What the host sends: a response to a call, or an event notification (alone or in a batch). */
type Frame = {
  id?: number
  result?: unknown
  error?: { message: string; data?: AppErrorShape }
  method?: string
  params?: { rev: number }
}

/**
 * The answer to every call still open when its socket closes: a sent call may or may not have
 * been done (`sent`), a queued one surely was not. Either way the caller hears at once.
 */
const dropped = (sent: boolean): Result<never> => fail('DISCONNECTED', { details: { sent } })

const RETRY_MS = [250, 500, 1000, 2000, 4000]

/**
 * A link that dies without a close (a cable pulled, a PC asleep, a switch restarted) leaves a
 * WebSocket open, silent, and the screen saying 已连接 while it goes stale. After PROBE_MS with
 * nothing heard the bridge sends `rpc.ping` (answered by the transport itself); unanswered for
 * DEAD_MS, the socket is given up as if it had closed: 正在重连, calls settle, a new one is dialled.
 */
const PROBE_MS = 5000
const DEAD_MS = 10_000
const PING = JSON.stringify({ jsonrpc: '2.0', id: 'ping', method: 'rpc.ping' })

/** Runs on every (re)connect before queued calls go out: signs the new socket in again (auth.resume). */
export type Handshake = (
  callNow: (method: string, params: unknown) => Promise<Result<unknown>>,
) => Promise<void>

/**
 * The contract over JSON-RPC/WebSocket for browser mode. Calls made while disconnected wait
 * for the connection; on reconnect it first runs the handshake (a new socket starts signed out),
 * then asks the host for every event since the last revision it saw and replays them, so screens
 * catch up without a reload. When a socket closes, every call still waiting for an answer settles
 * at once with DISCONNECTED: no call is left hanging across a reconnect.
 */
export function createWsBridge(url: string, options: { handshake?: Handshake } = {}): ClinicBridge {
  const listeners = new Map<string, Set<(message: never) => void>>()
  const pending = new Map<number, Pending>()
  /** Frames waiting for an open socket, by call id. */
  const queue = new Map<number, string>()
  let socket: WebSocket | null = null
  let nextId = 1
  let lastRev = 0
  let attempts = 0
  let everConnected = false
  /** The socket whose handshake is running: only its own calls go out; the rest wait in the queue. */
  let handshaking: WebSocket | null = null

  const deliver = (event: string, message: { rev: number }): void => {
    if (message.rev <= lastRev) return
    lastRev = message.rev
    for (const listener of listeners.get(event) ?? []) {
      try {
        ;(listener as (m: unknown) => void)(message)
      } catch (error) {
        // A broken listener must not cost the page the rest of the commit's events.
        console.error('[clinic] event listener failed', error)
      }
    }
  }

  /** The socket is gone (closed, or silent past DEAD_MS): say so, settle its calls, dial again. */
  const lost = (ws: WebSocket): void => {
    if (socket !== ws) return
    socket = null
    // The status first: a caller told DISCONNECTED that waits for the reconnect must not see 'connected'.
    connection.setState({ status: 'reconnecting' })
    settleAll()
    const delay = RETRY_MS[Math.min(attempts++, RETRY_MS.length - 1)]
    setTimeout(connect, delay)
  }

  let heardAt = 0
  let pingedAt = 0
  const watch = (ws: WebSocket): void => {
    const timer = setInterval(() => {
      if (socket !== ws) return clearInterval(timer)
      if (ws.readyState !== WebSocket.OPEN) return
      const now = Date.now()
      // Judged on a probe sent and unanswered, not on silence alone: a throttled background tab's
      // timer may fire late, and a quiet clinic sends nothing for minutes.
      if (pingedAt > heardAt && now - pingedAt > DEAD_MS) {
        clearInterval(timer)
        lost(ws)
        return ws.close()
      }
      if (pingedAt <= heardAt && now - heardAt >= PROBE_MS) {
        pingedAt = now
        ws.send(PING)
      }
    }, PROBE_MS / 2)
  }

  const connect = (): void => {
    const ws = new WebSocket(url)
    socket = ws
    connection.setState({ status: everConnected ? 'reconnecting' : 'connecting' })
    ws.onopen = async () => {
      attempts = 0
      heardAt = Date.now()
      pingedAt = 0
      watch(ws)
      const reconnected = everConnected
      everConnected = true
      if (options.handshake) {
        handshaking = ws
        try {
          // A handshake outliving its socket must not queue calls for the next one.
          await options.handshake((method, params) =>
            socket === ws ? send(method, params, true) : Promise.resolve(dropped(false)),
          )
        } finally {
          if (handshaking === ws) handshaking = null
        }
      }
      if (socket !== ws) return
      connection.setState({ status: 'connected' })
      for (const frame of queue.values()) ws.send(frame)
      queue.clear()
      if (reconnected) void catchUp()
    }
    ws.onmessage = (e) => {
      if (socket === ws) heardAt = Date.now()
      onFrame(String(e.data))
    }
    ws.onclose = () => lost(ws)
  }

  const onFrame = (text: string): void => {
    let frame: Frame | Frame[]
    try {
      frame = JSON.parse(text)
    } catch {
      return
    }
    // The events of one commit: a JSON-RPC batch of notifications, applied in their order.
    if (Array.isArray(frame)) {
      for (const f of frame) if (f.method && f.params) deliver(f.method, f.params)
      return
    }
    if (frame.method && frame.params) return deliver(frame.method, frame.params)
    const waiting = frame.id === undefined ? undefined : pending.get(frame.id)
    if (!waiting || frame.id === undefined) return
    pending.delete(frame.id)
    if (frame.error)
      waiting.resolve({
        ok: false,
        error: frame.error.data ?? fail('INTERNAL', { message: frame.error.message }).error,
      })
    else waiting.resolve({ ok: true, value: frame.result })
  }

  const settleAll = (): void => {
    const open = [...pending]
    pending.clear()
    for (const [id, { resolve }] of open) resolve(dropped(!queue.has(id)))
    queue.clear()
  }

  const send = (method: string, params: unknown, now: boolean): Promise<Result<unknown>> =>
    new Promise((resolve) => {
      const id = nextId++
      pending.set(id, { resolve })
      const frame = JSON.stringify({ jsonrpc: '2.0', id, method, params })
      if (socket?.readyState === WebSocket.OPEN && (now || handshaking === null)) socket.send(frame)
      else queue.set(id, frame)
    })
  const call = (method: string, params: unknown): Promise<Result<unknown>> =>
    send(method, params, false)

  const catchUp = async (): Promise<void> => {
    const result = await call('sync.since', { rev: lastRev })
    if (!result.ok) return
    const missed = result.value as {
      rev: number
      complete: boolean
      changes: { rev: number; event: string; payload: object }[]
    }
    if (!missed.complete) {
      lastRev = missed.rev
      connection.setState((s) => ({ resets: s.resets + 1 }))
      return
    }
    for (const change of missed.changes)
      deliver(change.event, { ...change.payload, rev: change.rev })
    lastRev = Math.max(lastRev, missed.rev)
  }

  connect()
  return {
    call: call as ClinicBridge['call'],
    on: (event: EventName, listener) => {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener as (message: never) => void)
      return () => void set.delete(listener as (message: never) => void)
    },
  }
}
