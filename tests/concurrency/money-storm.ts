// A money storm in its own OS process, killed with SIGKILL by money-crash.test.ts at random
// moments: four desks and an admin pay, refund and close shifts at once (money-desk.ts), their
// writes queued on the host's one connection; each "P|R|X <json>" line is printed after COMMIT
// and is a promise the file must keep after the kill. (Money writes are async units: they do not
// join the booking path's group commits.)
// argv: dataDir clockIso today appointmentIds(comma) seed
import { createHost } from '../../src/main/host/create-host'
import type { Caller } from '../../src/shared/roles'
import { adminStep, deskStep, seeded } from './money-desk'

const [dataDir, clockIso, today, appointmentArg, seedArg] = process.argv.slice(2)
if (!dataDir || !clockIso || !today || !appointmentArg)
  throw new Error('money-storm: missing arguments')
const day: string = today
const appointmentIds = appointmentArg.split(',').map(Number)
const random = seeded(Number(seedArg ?? 1))
const DESKS = 4
const instant = new Date(clockIso)
const host = await createHost({ dataDir, clock: { now: () => instant } })
const { call } = host.client
const print = (line: string) => void process.stdout.write(`${line}\n`)

async function loop(caller: Caller): Promise<never> {
  for (;;) {
    // The admin takes money too, and now and then closes some desk's shift under it.
    if (caller.role === 'admin' && random(4) === 0)
      await adminStep(call, caller, day, random, print)
    else await deskStep(call, caller, appointmentIds, random, print)
  }
}
const admin: Caller = { role: 'admin', label: 'storm-admin' }
// The same desk labels every run: after a restart each desk finds the shift it left open.
await Promise.all([
  loop(admin),
  ...Array.from({ length: DESKS }, (_, n) => loop({ role: 'reception', label: `storm-desk-${n}` })),
])
