import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Host } from './create-host'
import { createStaticServer } from './static-server'
import { attachWsTransport } from './ws-transport'

export interface BrowserModeOptions {
  readonly host: Host
  /** The built renderer folder (out/renderer). */
  readonly rendererDir: string
  readonly hostname?: string
  readonly port?: number
}

export interface BrowserMode {
  readonly server: Server
  readonly url: string
  close(): Promise<void>
}

/** The host in plain Node: the renderer over HTTP and the contract over WebSocket on one port. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const server = createStaticServer(options.rendererDir)
  const transport = attachWsTransport(server, {
    dispatch: options.host.dispatch,
    bus: options.host.bus,
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.hostname ?? '127.0.0.1', resolve)
  })
  const { address, port } = server.address() as AddressInfo
  const shown = address.includes(':') ? `[${address}]` : address
  return {
    server,
    url: `http://${shown}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        transport.close()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
