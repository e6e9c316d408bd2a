import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import WebSocket, { WebSocketServer } from 'ws'

/** What to lose the next time a call to this method passes: the request itself, or its answer. */
export type Cut = 'request' | 'answer'

export interface CutProxy {
  /** host:port to point a client at (the host's /rpc behind it). */
  readonly address: string
  /**
   * Cuts the next call to `method`: 'request' drops it before the host sees it, 'answer' lets
   * the host do it and drops the reply. Either way the client's socket is then torn down, as a
   * pulled cable would. Resolves once the cut has happened.
   */
  cutNext(method: string, what: Cut): Promise<void>
  /** While true, new sockets are refused at the handshake (the host looks unreachable). */
  refuse: boolean
  /**
   * While true, every frame either way is dropped and no socket is closed: a link that died
   * without a close (a cable pulled mid-way, a PC asleep), where only silence tells.
   */
  silent: boolean
  close(): Promise<void>
}

type Rule = { method: string; what: Cut; done: () => void }

/**
 * A real WebSocket relay between a client and a browser-mode host, over real TCP, that can drop
 * one call's request or answer and then the link: what a flaky LAN does to a screen.
 */
export async function startCutProxy(rpcUrl: string): Promise<CutProxy> {
  const rules: Rule[] = []
  const relays = new Set<WebSocket>()
  const wss = new WebSocketServer({ noServer: true })
  const server: Server = createServer((_req, res) => res.writeHead(404).end())

  server.on('upgrade', (request, socket, head) => {
    if (proxy.refuse) return void socket.destroy()
    wss.handleUpgrade(request, socket, head, (client) => relay(client))
  })

  const relay = (client: WebSocket): void => {
    const upstream = new WebSocket(rpcUrl)
    relays.add(client)
    const early: string[] = []
    const awaited = new Map<unknown, Rule>()
    const cut = (rule: Rule): void => {
      client.terminate()
      upstream.terminate()
      rule.done()
    }
    client.on('message', (data) => {
      if (proxy.silent) return
      const text = String(data)
      const frame = JSON.parse(text) as { id?: unknown; method?: string }
      const i = rules.findIndex((r) => r.method === frame.method)
      if (i >= 0) {
        const [rule] = rules.splice(i, 1)
        if (rule!.what === 'request') return cut(rule!)
        awaited.set(frame.id, rule!)
      }
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text)
      else early.push(text)
    })
    upstream.on('open', () => early.splice(0).forEach((t) => upstream.send(t)))
    upstream.on('message', (data) => {
      if (proxy.silent) return
      const text = String(data)
      const rule = awaited.get((JSON.parse(text) as { id?: unknown }).id)
      if (rule) return cut(rule)
      client.send(text)
    })
    const end = (): void => {
      relays.delete(client)
      client.terminate()
      upstream.terminate()
    }
    client.on('close', end)
    upstream.on('close', end)
    client.on('error', end)
    upstream.on('error', end)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const proxy: CutProxy = {
    address: `127.0.0.1:${port}`,
    refuse: false,
    silent: false,
    cutNext: (method, what) => new Promise((done) => rules.push({ method, what, done })),
    close: async () => {
      for (const client of relays) client.terminate()
      wss.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
  return proxy
}
