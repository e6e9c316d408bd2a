import { connect, createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

/**
 * A TCP relay in front of a PostgreSQL server, for the network between a host and its database:
 * `cut()` drops every connection through it (a pulled cable), `refuse` turns new ones away (the
 * server looks unreachable) until it is set back to false.
 */
export interface TcpCut {
  /** postgres://… through the relay, for the database named in `url`. */
  readonly url: string
  refuse: boolean
  cut(): void
  close(): Promise<void>
}

export async function startTcpCut(url: string): Promise<TcpCut> {
  const target = new URL(url)
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    if (relay.refuse) return void client.destroy()
    const upstream = connect(Number(target.port), target.hostname)
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(a)
      a.pipe(b)
      a.on('error', () => b.destroy())
      a.on('close', () => {
        sockets.delete(a)
        b.destroy()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const through = new URL(url)
  through.port = String((server.address() as AddressInfo).port)
  const relay: TcpCut = {
    url: through.toString(),
    refuse: false,
    cut: () => {
      for (const socket of sockets) socket.destroy()
    },
    close: async () => {
      relay.cut()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
  return relay
}
