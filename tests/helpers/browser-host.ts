import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { startBrowserMode, type BrowserMode } from '../../src/main/host/browser-mode'
import { makeTestHost, type TestHost } from './test-host'
import type { Clock } from '../../src/main/db/clock'
import { seedStaff } from './accounts'

/** The built renderer; CLINIC_RENDERER_DIR lets parallel work build into its own folder. */
export const RENDERER_DIR =
  process.env.CLINIC_RENDERER_DIR ?? join(import.meta.dirname, '..', '..', 'out', 'renderer')

/** Hosts by URL, so openScreen (whose signature stays small) can create a doctor's account on demand. */
const hosts = new Map<string, TestHost>()
export const testHostAt = (url: string): TestHost | undefined => hosts.get(url)

/**
 * Lets openScreen open pages of a host this test did not start in-process (another process on the
 * same PostgreSQL database): accounts made through `host` are in that database, so they sign in
 * there too. Returns the undo.
 */
export function shareHost(url: string, host: TestHost): () => void {
  hosts.set(url, host)
  return () => void hosts.delete(url)
}

/**
 * A real host in browser mode on a free loopback port, serving the built renderer (run `npm run build` first).
 * Seeded with one staff account per role (tests/helpers/accounts.ts), so the clinic is set up and screens can sign in.
 */
export async function startTestBrowserHost(
  options: { clock?: Clock; demo?: boolean } = {},
): Promise<{
  host: TestHost
  server: BrowserMode
  url: string
  stop(): Promise<void>
}> {
  if (!existsSync(join(RENDERER_DIR, 'reception.html')))
    throw new Error('out/renderer is missing: run `npm run build` first')
  const host = await makeTestHost(options)
  await seedStaff(host)
  const server = await startBrowserMode({ host, rendererDir: RENDERER_DIR, port: 0 })
  hosts.set(server.url, host)
  return {
    host,
    server,
    url: server.url,
    stop: async () => {
      hosts.delete(server.url)
      await server.close()
      await host.dispose()
    },
  }
}
