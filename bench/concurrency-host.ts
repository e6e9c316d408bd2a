// Child process of bench:concurrency: the real ClinicDesk host in browser mode, in a process of
// its own so that process.cpuUsage is the host's alone (the clients run in the parent).
//   prepare dataDir patientCount — sets the clinic up (bench/concurrency-clinic.ts), sends it, exits
//   serve dataDir                — the host on a free port; sends {ready, url}, answers {cpu}, {stop}
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBrowserMode } from '../src/main/host/browser-mode'
import { createHost } from '../src/main/host/create-host'
import { BENCH_NOW, setUpClinic } from './concurrency-clinic'
import { processCpuMs } from './process-cpu'

const [mode, dataDir, count] = process.argv.slice(2)
if (!dataDir || (mode !== 'prepare' && mode !== 'serve'))
  throw new Error('usage: concurrency-host.ts prepare|serve dataDir [patientCount]')
const clock = { now: () => new Date(BENCH_NOW) }
const host = await createHost({ dataDir, clock })

if (mode === 'prepare') {
  const clinic = await setUpClinic(host.client, Number(count))
  await host.close()
  process.send!({ type: 'prepared', clinic }, () => process.exit(0))
} else {
  // The WebSocket transport needs no built pages: an empty folder stands in for out/renderer.
  const rendererDir = mkdtempSync(join(tmpdir(), 'clinicdesk-norenderer-'))
  const server = await startBrowserMode({ host, rendererDir, port: 0 })
  process.on('message', (m: { type: string }) => {
    // With the writer's group sizes so far: bench:concurrency prints units per COMMIT.
    if (m.type === 'cpu')
      process.send!({ type: 'cpu', ms: processCpuMs(), groups: [...host.writer.groupSizes] })
    if (m.type === 'stop')
      void server
        .close()
        .then(() => host.close())
        .then(() => {
          rmSync(rendererDir, { recursive: true, force: true })
          process.exit(0)
        })
  })
  process.send!({ type: 'ready', url: server.url.replace('http://', 'ws://') + '/rpc' })
}
