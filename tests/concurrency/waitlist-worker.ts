// One desk in its own OS process, on the shared database, for waitlist-race.test.ts and
// waitlist-offer-race.test.ts: prints "ready", waits for "go", then does its role and prints one
// JSON line with what happened.
// - free: cancels its bookings (ids), then, with an extra argument, adds one 加号 to that band;
// - wait: puts its patients (ids) in line (候补; a patient told NOT_FULL books the place named);
// - answer (offer mode): answers the places offered on the call-back list, accepting, or declining
//   when the patient's id is a multiple of 3, until told "stop" and no offer is left; two desks may
//   answer one offer at once: the one refused counts the refusal's code.
// argv: dataDir clockIso role(free|wait|answer) ids(comma) doctorId date [extraSlotId]
import { createHost } from '../../src/main/host/create-host'
import type { Caller } from '../../src/shared/roles'

const [dataDir, clockIso, role, idArg, doctorArg, date, extraArg] = process.argv.slice(2)
if (!dataDir || !clockIso || !role || !idArg || !doctorArg || !date)
  throw new Error('waitlist-worker: missing arguments')
const ids = idArg.split(',').map(Number)
const doctorId = Number(doctorArg)

const desk: Caller = { role: 'reception', label: `waitlist-desk-${process.pid}` }
const instant = new Date(clockIso)
const host = await createHost({ dataDir, clock: { now: () => instant } })
const { call } = host.client
process.stdout.write('ready\n')
let stopped = false
await new Promise<void>((resolve) =>
  process.stdin.on('data', (chunk: Buffer) => {
    if (chunk.toString().includes('stop')) stopped = true
    resolve()
  }),
)
if (role !== 'answer') process.stdin.destroy()

const codes: Record<string, number> = {}
const count = (code: string) => void (codes[code] = (codes[code] ?? 0) + 1)
/** Acknowledged answers (answer role): each accept with the booking it made. */
const accepted: { entryId: number; appointmentId: number }[] = []
const declined: number[] = []

if (role === 'answer') {
  for (;;) {
    const done = stopped
    const list = await call(desk, 'waitlist.callBacks', { from: date })
    if (!list.ok) throw new Error(`callBacks: ${list.error.code}`)
    const offered = list.value.filter((e) => e.status === 'OFFERED')
    // "stop" came before this read, and nothing is offered: no decline of ours can offer more.
    if (done && offered.length === 0) break
    if (offered.length === 0) await new Promise((r) => setTimeout(r, 5))
    for (const e of offered) {
      if (e.patientId % 3 === 0) {
        const r = await call(desk, 'waitlist.decline', { id: e.id, reason: '不需要了' })
        if (r.ok) declined.push(e.id)
        count(r.ok ? 'DECLINED' : `DECLINE_${r.error.code}`)
      } else {
        const r = await call(desk, 'waitlist.accept', { id: e.id })
        if (r.ok) accepted.push({ entryId: e.id, appointmentId: r.value.appointmentId! })
        count(r.ok ? 'ACCEPTED' : `ACCEPT_${r.error.code}`)
      }
    }
  }
  process.stdin.destroy()
}

for (const [i, id] of role === 'answer' ? [] : ids.entries()) {
  if (role === 'free') {
    const r = await call(desk, 'appointments.cancel', { id, reason: 'race' })
    count(r.ok ? 'CANCELED' : r.error.code)
    continue
  }
  const r = await call(desk, 'waitlist.add', {
    patientId: id,
    doctorId,
    date,
    phone: '13800138000',
  })
  if (r.ok || r.error.code !== 'NOT_FULL') {
    count(r.ok ? 'WAITING' : r.error.code)
    continue
  }
  const slotId = Number(r.error.details?.slotId)
  const b = await call(desk, 'appointments.book', {
    slotId,
    patientId: id,
    idempotencyKey: `wl-${process.pid}-${i}`,
  })
  count(b.ok ? 'BOOKED_DIRECT' : `BOOK_${b.error.code}`)
}
if (role === 'free' && extraArg) {
  const r = await call(desk, 'slots.addExtra', {
    slotId: Number(extraArg),
    count: 1,
    agreedBy: doctorId,
    idempotencyKey: `extra-${process.pid}`,
  })
  count(r.ok ? 'EXTRA' : `EXTRA_${r.error.code}`)
}
await host.close()
process.stdout.write(`${JSON.stringify({ pid: process.pid, codes, accepted, declined })}\n`)
