// One desk in its own OS process, on the shared database file, for waitlist-race.test.ts: prints
// "ready", waits for "go", then either frees places (cancels its bookings) or puts its patients
// in line (候补; a patient told NOT_FULL books the free place named instead), and prints one JSON
// line with what happened.
// argv: dataDir clockIso role(free|wait) ids(comma) doctorId date
import { createHost } from '../../src/main/host/create-host'
import type { Caller } from '../../src/shared/roles'

const [dataDir, clockIso, role, idArg, doctorArg, date] = process.argv.slice(2)
if (!dataDir || !clockIso || !role || !idArg || !doctorArg || !date)
  throw new Error('waitlist-worker: missing arguments')
const ids = idArg.split(',').map(Number)
const doctorId = Number(doctorArg)

const desk: Caller = { role: 'reception', label: `waitlist-desk-${process.pid}` }
const instant = new Date(clockIso)
const host = await createHost({ dataDir, clock: { now: () => instant } })
const { call } = host.client
process.stdout.write('ready\n')
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()))
process.stdin.destroy()

const codes: Record<string, number> = {}
const count = (code: string) => void (codes[code] = (codes[code] ?? 0) + 1)
for (const [i, id] of ids.entries()) {
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
await host.close()
process.stdout.write(`${JSON.stringify({ pid: process.pid, codes })}\n`)
