// A money storm in its own OS process, killed with SIGKILL by money-crash.test.ts at random
// moments: four desks and an admin pay, refund and close shifts at once (money-desk.ts), their
// writes queued on the host's one connection; each "P|R|X <json>" line is printed after COMMIT
// and is a promise the file must keep after the kill. (Money writes are async units: they do not
// join the booking path's group commits.) "T|A <json>" lines announce each pay and close and its
// answer (money-desk.ts), "O [codes]" the outcome codes of each move, "ready" that the host is up.
// On PostgreSQL (CLINIC_DATABASE_URL) several of these hosts storm one database at once, with the
// same desk labels: one cashier's shift is taken money into, opened and closed from every host.
// With MONEY_STORM_CONTROL=1 it starts paused and obeys stdin: "go" resumes; "pause" lets the
// calls under way finish, starts no more and prints "paused" (the test checks a quiet database
// while the survivors of a kill stay up, connections and all).
// argv: dataDir clockIso today appointmentIds(comma) seed [desks]
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { createHost } from '../../src/main/host/create-host'
import type { Caller } from '../../src/shared/roles'
import { adminStep, deskStep, seeded } from './money-desk'

const [dataDir, clockIso, today, appointmentArg, seedArg, desksArg] = process.argv.slice(2)
if (!dataDir || !clockIso || !today || !appointmentArg)
  throw new Error('money-storm: missing arguments')
const day: string = today
const appointmentIds = appointmentArg.split(',').map(Number)
const random = seeded(Number(seedArg ?? 1))
const DESKS = Number(desksArg ?? 4)
const instant = new Date(clockIso)
const host = await createHost({ dataDir, clock: { now: () => instant } })
const { call } = host.client
const print = (line: string) => void process.stdout.write(`${line}\n`)

const controlled = process.env.MONEY_STORM_CONTROL === '1'
let paused = controlled
let busy = 0
let resume: Promise<void> = new Promise(() => {})
let go = (): void => {}
const hold = () => (resume = new Promise<void>((resolve) => (go = resolve)))
if (controlled) {
  hold()
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === 'go' && paused) {
      paused = false
      go()
    } else if (line === 'pause' && !paused) {
      paused = true
      hold()
      void (async () => {
        while (busy > 0) await sleep(2)
        print('paused')
      })()
    }
  })
}
print('ready')

async function loop(caller: Caller): Promise<never> {
  for (;;) {
    while (paused) await resume
    busy++
    // The admin takes money too, and now and then closes some desk's shift under it.
    const codes =
      caller.role === 'admin' && random(4) === 0
        ? await adminStep(call, caller, day, random, print)
        : await deskStep(call, caller, appointmentIds, random, print)
    busy--
    print(`O ${JSON.stringify(codes)}`)
    // While the PostgreSQL server is away every call fails at once: do not spin on shared cores.
    if (codes.includes('INTERNAL')) await sleep(20)
  }
}
const admin: Caller = { role: 'admin', label: 'storm-admin' }
// The same desk labels every run: after a restart each desk finds the shift it left open.
await Promise.all([
  loop(admin),
  ...Array.from({ length: DESKS }, (_, n) => loop({ role: 'reception', label: `storm-desk-${n}` })),
])
