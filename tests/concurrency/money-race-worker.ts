// One cashier in its own OS process on the shared database file, started by money-race.test.ts
// (bundled by bundle-worker.ts): prints "ready", waits for "go", makes `operations` moves
// (money-desk.ts), printing each acknowledged money write, then one JSON line of outcome codes.
// argv: dataDir clockIso today appointmentIds(comma) operations seed role(reception|admin)
import { createHost } from '../../src/main/host/create-host'
import type { Caller } from '../../src/shared/roles'
import { adminStep, deskStep, seeded } from './money-desk'

const [dataDir, clockIso, today, appointmentArg, opsArg, seedArg, role] = process.argv.slice(2)
if (!dataDir || !clockIso || !today || !appointmentArg)
  throw new Error('money-race-worker: missing arguments')
const appointmentIds = appointmentArg.split(',').map(Number)
const random = seeded(Number(seedArg ?? 1))
const caller: Caller =
  role === 'admin'
    ? { role: 'admin', label: `money-admin-${process.pid}` }
    : { role: 'reception', label: `money-desk-${process.pid}` }
const instant = new Date(clockIso)
const host = await createHost({ dataDir, clock: { now: () => instant } })
const { call } = host.client
const print = (line: string) => void process.stdout.write(`${line}\n`)
print('ready')
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()))
process.stdin.destroy()

const codes: Record<string, number> = {}
for (let i = 0; i < Number(opsArg ?? 40); i++) {
  const step =
    caller.role === 'admin'
      ? await adminStep(call, caller, today, random, print)
      : await deskStep(call, caller, appointmentIds, random, print)
  for (const code of step) codes[code] = (codes[code] ?? 0) + 1
}
await host.close()
print(JSON.stringify({ pid: process.pid, codes }))
