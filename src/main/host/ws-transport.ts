import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Caller } from '../../shared/roles'
import { canReceive } from '../../shared/visibility'
import type { Dispatch } from './dispatcher'
import type { EventBus } from './event-bus'
import { isRpcRequest, RPC, rpcError, toRpcResponse, type RpcResponse } from './json-rpc'

/** A frame bigger than this closes that one connection: no request needs more. */
export const MAX_FRAME_BYTES = 256 * 1024

export interface WsTransportOptions {
  readonly dispatch: Dispatch
  readonly bus: EventBus
  /** Who this connection is, decided by the host from the upgrade request; null refuses it. */
  readonly resolveCaller: (request: IncomingMessage) => Caller | null
}

/**
 * The contract as JSON-RPC 2.0 over WebSocket at /rpc, for browser mode and LAN screens.
 * Events go out as notifications (method = event name, params = payload + rev) to sockets allowed to see them.
 */
export function attachWsTransport(server: Server, options: WsTransportOptions): { close(): void; readonly clients: Set<WebSocket> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  const callers = new WeakMap<WebSocket, Caller>()

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://host')
    if (url.pathname !== '/rpc') return refuse(socket, 404, 'Not Found')
    if (!sameOrigin(request)) return refuse(socket, 403, 'Forbidden')
    const caller = options.resolveCaller(request)
    if (!caller) return refuse(socket, 401, 'Unauthorized')
    wss.handleUpgrade(request, socket, head, (ws) => {
      callers.set(ws, caller)
      ws.on('message', (data, isBinary) => void onMessage(ws, caller, isBinary ? null : data.toString()))
      ws.on('error', () => ws.terminate())
    })
  }

  const onMessage = async (ws: WebSocket, caller: Caller, text: string | null): Promise<void> => {
    let message: unknown
    try {
      message = JSON.parse(text ?? '')
    } catch {
      return send(ws, rpcError(null, RPC.PARSE_ERROR, 'Parse error'))
    }
    if (!isRpcRequest(message)) return send(ws, rpcError(null, RPC.INVALID_REQUEST, 'Invalid Request'))
    const result = await options.dispatch(caller, message.method, message.params)
    if (message.id !== undefined) send(ws, toRpcResponse(message.id, result))
  }

  const unsubscribe = options.bus.subscribe(({ event, rev, payload }) => {
    const frame = JSON.stringify({ jsonrpc: '2.0', method: event, params: { ...(payload as object), rev } })
    for (const ws of wss.clients) {
      const caller = callers.get(ws)
      if (caller && ws.readyState === ws.OPEN && canReceive(caller, event, payload)) ws.send(frame)
    }
  })

  server.on('upgrade', onUpgrade)
  return {
    clients: wss.clients,
    close() {
      unsubscribe()
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
