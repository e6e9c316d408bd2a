// One host of pg-crash.test.ts: the real host on PostgreSQL (CLINIC_DATABASE_URL), its desks
// booking, cancelling and checking in until the test kills it with SIGKILL or stops the server.
// Lines on stdout, each written only once the host has answered:
//   T <key> <slotId> <patientId>  before a booking is sent (a key that may or may not be stored)
//   B <key> <id>                  the booking was acknowledged (after COMMIT): a promise to keep
//   C <id> / I <id>               a cancel / check-in was acknowledged
//   E <code> [<key>]              a call was refused (SLOT_TAKEN, or the server being away)
// argv: dataDir clockIso slotIds(comma) patientIds(comma) seed tag [liveIds(comma)]
// liveIds: bookings earlier hosts acknowledged, for this one to cancel and check in too: a
// clinic the storms have filled would otherwise answer only SLOT_TAKEN.
import { setTimeout as sleep } from 'node:timers/promises'
import { createHost } from '../../src/main/host/create-host'
import type { Caller } from '../../src/shared/roles'

const [dataDir, clockIso, slotArg, patientArg, seedArg, tag, liveArg] = process.argv.slice(2)
if (!dataDir || !clockIso || !slotArg || !patientArg || !tag)
  throw new Error('pg-crash-storm: missing arguments')
const slotIds = slotArg.split(',').map(Number)
const patientIds = patientArg.split(',').map(Number)
let seed = Number(seedArg ?? 1)
const random = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31
  // The high bits: an LCG's low bits repeat with a short period (seed % 6 never gave 1).
  return Math.floor((seed / 2 ** 31) * n)
}
const say = (line: string): boolean => process.stdout.write(`${line}\n`)

const DESKS = 3
const instant = new Date(clockIso)
const host = await createHost({ dataDir, clock: { now: () => instant } })
const booked: number[] = liveArg ? liveArg.split(',').map(Number) : []
let full = false
say('ready')

async function deskLoop(n: number): Promise<never> {
  const desk: Caller = { role: 'reception', label: `${tag}-${n}` }
  for (let i = 0; ; i++) {
    const pick = random(6)
    let refused: string | undefined
    let key = ''
    if ((pick === 0 || full) && booked.length > 0) {
      full = false
      const id = booked.splice(random(booked.length), 1)[0]!
      const r = await host.client.call(desk, 'appointments.cancel', { id, reason: 'storm' })
      if (r.ok) say(`C ${id}`)
      else refused = r.error.code
    } else if (pick === 1 && booked.length > 0) {
      const id = booked[random(booked.length)]!
      const r = await host.client.call(desk, 'appointments.checkIn', { id })
      // A booking for another day cannot check in (ILLEGAL_TRANSITION): a write refused whole.
      if (r.ok) say(`I ${id}`)
      else refused = r.error.code
    } else {
      key = `${tag}-${n}-${i}`
      const slotId = slotIds[random(slotIds.length)]!
      const patientId = patientIds[random(patientIds.length)]!
      say(`T ${key} ${slotId} ${patientId}`)
      const r = await host.client.call(desk, 'appointments.book', {
        slotId,
        patientId,
        idempotencyKey: key,
      })
      if (r.ok) {
        booked.push(r.value.id)
        say(`B ${key} ${r.value.id}`)
      } else {
        refused = r.error.code
        // A full band: free a place next, as a clinic's cancellations do.
        full = refused === 'SLOT_TAKEN'
      }
    }
    if (refused) {
      say(`E ${refused} ${key}`.trim())
      // While the server is away every call fails at once: do not spin on two shared cores.
      if (refused !== 'SLOT_TAKEN' && refused !== 'ILLEGAL_TRANSITION') await sleep(20)
    }
  }
}
await Promise.all(Array.from({ length: DESKS }, (_, n) => deskLoop(n)))
