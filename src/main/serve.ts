/**
 * Browser mode: the host in plain Node. Serves every screen over HTTP and the contract
 * over WebSocket, for room PCs that join through a browser and for the UI tests.
 */
import { join } from 'node:path'
import { createHost } from './host/create-host'
import { startBrowserMode } from './host/browser-mode'
import { defaultDataDir, wantsDemo } from './host/data-dir'
import { SYSTEM_CALLERS } from './host/system-callers'
import { DEMO_PASSWORD, seedDemoAccounts } from './services/demo/accounts'

const DEFAULT_PORT = 5780

async function main(): Promise<void> {
  const dataDir = defaultDataDir()
  const demo = wantsDemo()
  const host = await createHost({ dataDir, demo, dailyBackup: true })
  const demoAccounts = demo ? await seedDemoAccounts(host.client) : []
  const rendererDir = join(import.meta.dirname, '..', 'renderer')
  const portText = process.env.CLINIC_PORT
  const port = portText === undefined ? DEFAULT_PORT : Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`CLINIC_PORT must be a port number, not "${portText}"`)
  const server = await startBrowserMode({
    host,
    rendererDir,
    hostname: process.env.CLINIC_HOST ?? '127.0.0.1',
    port,
  })

  const directory = await host.client.call(SYSTEM_CALLERS.console, 'directory.get', {})
  const doctors = directory.ok ? directory.value.doctors : []
  const lines = [
    `ClinicDesk browser mode on ${server.url}  (data: ${host.storage})`,
    `  sign in     ${server.url}/  (every screen asks for a staff login; a new clinic starts with the setup wizard)`,
    `  reception   ${server.url}/reception.html`,
    ...doctors.map((d) => `  doctor      ${server.url}/doctor.html?doctor=${d.id}  (${d.name})`),
    `  display     ${server.url}/display.html`,
    `  admin       ${server.url}/admin.html`,
    ...(demoAccounts.length > 0
      ? [
          `  demo accounts (password "${DEMO_PASSWORD}"; replace them before real use): ${demoAccounts.join(', ')}`,
        ]
      : []),
  ]
  console.log(lines.join('\n'))
  // Machine-readable line for tests and scripts that start the host.
  console.log(`CLINIC_READY ${server.url}`)

  const stop = (): void => {
    void server
      .close()
      .then(() => host.close())
      .finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
