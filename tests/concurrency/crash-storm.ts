// A booking storm in its own OS process, killed with SIGKILL by crash.test.ts at random moments.
// Prints "B <id>" for each booking and "C <id>" for each cancel only after the host has answered
// ok, i.e. after COMMIT: each such line is a promise the database must keep after the kill.
// Four desks book at once, so bookings commit in groups; "G <n>" says how large they got.
// argv: dataDir clockIso slotIds(comma) patientIds(comma) seed
import { createHost } from '../../src/main/host/create-host'
import type { Caller } from '../../src/shared/roles'

const [dataDir, clockIso, slotArg, patientArg, seedArg] = process.argv.slice(2)
if (!dataDir || !clockIso || !slotArg || !patientArg)
  throw new Error('crash-storm: missing arguments')
const slotIds = slotArg.split(',').map(Number)
const patientIds = patientArg.split(',').map(Number)
let seed = Number(seedArg ?? 1)
const random = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31
  return seed % n
}

const DESKS = 4
const instant = new Date(clockIso)
const host = await createHost({ dataDir, clock: { now: () => instant } })
const booked: number[] = []
let largestGroup = 0
/** "G <n>" whenever a COMMIT carried more units than any before it: the kill can land inside one. */
const reportGroups = (): void => {
  const largest = Math.max(0, ...host.writer.groupSizes.keys())
  if (largest > largestGroup) process.stdout.write(`G ${(largestGroup = largest)}\n`)
}
process.stdout.write('ready\n')
// Several desks at once, as a clinic's front desk and its LAN screens are: their bookings queue
// for the connection together and commit in groups (src/main/db/group-commit.ts).
async function deskLoop(n: number): Promise<never> {
  const desk: Caller = { role: 'reception', label: `storm-${process.pid}-${n}` }
  for (let i = 0; ; i++) {
    if (random(5) === 0 && booked.length > 0) {
      const id = booked.splice(random(booked.length), 1)[0]!
      const r = await host.client.call(desk, 'appointments.cancel', { id, reason: 'storm' })
      if (r.ok) process.stdout.write(`C ${id}\n`)
    } else {
      const r = await host.client.call(desk, 'appointments.book', {
        slotId: slotIds[random(slotIds.length)]!,
        patientId: patientIds[random(patientIds.length)]!,
        idempotencyKey: `storm-${process.pid}-${n}-${i}`,
      })
      if (r.ok) {
        booked.push(r.value.id)
        process.stdout.write(`B ${r.value.id}\n`)
      }
    }
    reportGroups()
  }
}
await Promise.all(Array.from({ length: DESKS }, (_, n) => deskLoop(n)))
