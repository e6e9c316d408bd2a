// A second host in a process of its own, for the cross-host browser tests: the real host in browser
// mode on an existing PostgreSQL database, serving the built renderer on a given port (so a
// restarted host answers the pages' reconnects at the same address). Its clock stands still.
// argv: dataDir databaseUrl clockIso rendererDir port
// Sends {type: 'ready', url} once it listens; on {type: 'stop'} closes and exits (SIGKILL also works).
import { startBrowserMode } from '../../src/main/host/browser-mode'
import { createHost } from '../../src/main/host/create-host'

const [dataDir, databaseUrl, clockIso, rendererDir, port] = process.argv.slice(2)
if (!dataDir || !databaseUrl || !clockIso || !rendererDir || !port)
  throw new Error('usage: host-process.ts dataDir databaseUrl clockIso rendererDir port')
const instant = new Date(clockIso)
const host = await createHost({ dataDir, databaseUrl, clock: { now: () => instant } })
const server = await startBrowserMode({ host, rendererDir, port: Number(port) })
process.on('message', (m: { type: string }) => {
  if (m.type === 'stop')
    void server
      .close()
      .then(() => host.close())
      .then(() => process.exit(0))
})
process.send!({ type: 'ready', url: server.url })
