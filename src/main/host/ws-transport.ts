import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { ConnectionSession, signOutRevoked } from './connection'
import type { Dispatch } from './dispatcher'
import type { EventBus } from './event-bus'
import { MAX_FRAME_BYTES, MAX_READ_BYTES, oversizeAnswer } from './frame-cap'
import { holdWrites } from './hold-writes'
import { isRpcRequest, RPC, rpcError, toRpcResponse, type RpcResponse } from './json-rpc'
import { notificationEncoder, notificationFrame } from './notification-frame'
import { pushPlan } from './push'
import { turnCork } from './turn-cork'

export interface WsTransportOptions {
  readonly dispatch: Dispatch
  readonly bus: EventBus
}

/**
 * The contract as JSON-RPC 2.0 over WebSocket at /rpc, for browser mode and LAN screens.
 * Events go out as notifications (method = event name, params = payload + rev) to sockets allowed
 * to see them: one frame per commit and socket, a JSON-RPC batch (array) when it holds several.
 */
export function attachWsTransport(
  server: Server,
  options: WsTransportOptions,
): { close(): void; readonly clients: Set<WebSocket> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_READ_BYTES })
  // Every socket starts signed out (a guest): it may only sign in (auth.*, setup.*) until a user
  // does; the display's masked feed opens without a user only when the clinic allows it.
  const sessions = new Map<WebSocket, ConnectionSession>()
  /** The TCP socket under each WebSocket, corked while a turn's pushes and answers pile up. */
  const sockets = new WeakMap<WebSocket, Duplex>()
  const cork = turnCork()

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://host')
    if (url.pathname !== '/rpc') return refuse(socket, 404, 'Not Found')
    if (!sameOrigin(request)) return refuse(socket, 403, 'Forbidden')
    const address = request.socket.remoteAddress ?? 'unknown'
    wss.handleUpgrade(request, socket, head, (ws) => {
      // Sign-in delays per computer are counted by the auth service against this origin.
      const session = new ConnectionSession({ kind: 'socket', origin: address })
      sessions.set(ws, session)
      sockets.set(ws, socket)
      ws.on('message', (data, isBinary) => {
        // Binary frames are never requests (null: a parse error).
        const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength
        const text = isBinary ? null : data.toString()
        if (bytes > MAX_FRAME_BYTES) {
          // Refused without touching the socket: calls already running on it still get their answers.
          const answer = oversizeAnswer(text ?? '', bytes)
          return answer ? send(ws, answer) : undefined
        }
        // The answer, and whatever this call's commit pushes to this socket first, in one write.
        const release = holdWrites(socket)
        void onMessage(ws, session, text).finally(release)
      })
      ws.on('error', () => ws.terminate())
      ws.on('close', () => sessions.delete(ws))
    })
  }

  const onMessage = async (
    ws: WebSocket,
    session: ConnectionSession,
    text: string | null,
  ): Promise<void> => {
    let message: unknown
    try {
      message = JSON.parse(text ?? '')
    } catch {
      return send(ws, rpcError(null, RPC.PARSE_ERROR, 'Parse error'))
    }
    if (!isRpcRequest(message))
      return send(ws, rpcError(null, RPC.INVALID_REQUEST, 'Invalid Request'))
    // A screen asking whether the link still carries anything (ws-client.ts): not a contract
    // method, no caller needed ("rpc." names are JSON-RPC's own).
    if (message.method === 'rpc.ping' && message.id !== undefined)
      return send(ws, { jsonrpc: '2.0', id: message.id, result: true })
    const result = await options.dispatch(session.caller, message.method, message.params, session)
    if (message.id !== undefined) send(ws, toRpcResponse(message.id, result))
  }

  const unsubscribe = options.bus.subscribeBatch((batch) => {
    // A commit is one change: whoever it signs out receives none of it.
    for (const { event, payload } of batch) signOutRevoked(sessions.values(), event, payload)
    const encode = notificationEncoder()
    const frameFor = pushPlan(batch, (visible) => Buffer.from(notificationFrame(visible, encode)))
    for (const ws of wss.clients) {
      const caller = sessions.get(ws)?.caller
      const frame = caller && ws.readyState === ws.OPEN ? frameFor(caller) : undefined
      if (!frame) continue
      const socket = sockets.get(ws)
      if (socket) cork(socket)
      // A Buffer sent as text: ws neither encodes nor copies it again for each socket.
      ws.send(frame, { binary: false })
    }
  })

  // The bus skipped changes it will never hear (a PostgreSQL host that lost part of the shared
  // log): its screens missed them too. Dropped, they reconnect, and sync.since says re-read.
  const unsubscribeReset = options.bus.subscribeReset(() => {
    for (const ws of wss.clients) ws.terminate()
  })

  server.on('upgrade', onUpgrade)
  return {
    clients: wss.clients,
    close() {
      unsubscribe()
      unsubscribeReset()
      server.off('upgrade', onUpgrade)
      for (const ws of wss.clients) ws.terminate()
      wss.close()
    },
  }
}

function send(ws: WebSocket, response: RpcResponse): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response))
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

/** A browser always sends Origin: it must be this host. Non-browser clients (tests, tools) send none. */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return true
  return origin === `http://${request.headers.host ?? ''}`
}
