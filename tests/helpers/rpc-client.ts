import WebSocket from 'ws'

/** A raw JSON-RPC client over `ws` for transport tests: every frame the host sends is kept in order. */
export interface RpcTestClient {
  readonly ws: WebSocket
  readonly frames: unknown[]
  /** Sends text as is and resolves with the next frame that arrives. */
  sendRaw(text: string | Buffer): Promise<unknown>
  /** Sends a request with this id and resolves with the response carrying it. */
  request(
    id: number | string,
    method: string,
    params?: unknown,
  ): Promise<{
    id: unknown
    result?: unknown
    error?: { code: number; message: string; data?: Record<string, unknown> }
  }>
  close(): void
}

export function connectRpc(
  url: string,
  headers: Record<string, string> = {},
): Promise<RpcTestClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    const frames: unknown[] = []
    const waiters: ((frame: unknown) => boolean)[] = []
    ws.on('message', (data) => {
      const frame: unknown = JSON.parse(String(data))
      frames.push(frame)
      const i = waiters.findIndex((w) => w(frame))
      if (i >= 0) waiters.splice(i, 1)
    })
    const waitFor = <T>(match: (frame: unknown) => boolean): Promise<T> =>
      new Promise((done) =>
        waiters.push((frame) => (match(frame) ? (done(frame as T), true) : false)),
      )
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
    ws.once('open', () =>
      resolve({
        ws,
        frames,
        sendRaw: (text) => {
          const next = waitFor<unknown>(() => true)
          ws.send(text)
          return next
        },
        request: (id, method, params) => {
          const reply = waitFor<Awaited<ReturnType<RpcTestClient['request']>>>(
            (f) => (f as { id?: unknown }).id === id,
          )
          ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))
          return reply
        },
        close: () => ws.close(),
      }),
    )
  })
}
