// One booking desk in its own OS process, on the shared database file. Started by race.test.ts
// (bundled once by bundle-worker.ts; `node scripts/run-ts.mjs` runs it as well): prints "ready", waits for "go" on stdin, hammers the hot bands,
// then prints one JSON line with what happened.
// argv: dataDir clockIso slotIds(comma) patientIds(comma) operations seed
import { createHost } from '../../src/main/host/create-host'
import type { MethodResult } from '../../src/shared/contract'
import type { Result } from '../../src/shared/errors'
import type { Caller } from '../../src/shared/roles'

const [dataDir, clockIso, slotArg, patientArg, opsArg, seedArg] = process.argv.slice(2)
if (!dataDir || !clockIso || !slotArg || !patientArg)
  throw new Error('race-worker: missing arguments')
const slotIds = slotArg.split(',').map(Number)
const patientIds = patientArg.split(',').map(Number)
let seed = Number(seedArg ?? 1)
const random = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31
  return seed % n
}
const pick = <T>(list: readonly T[]): T => list[random(list.length)]!

const desk: Caller = { role: 'reception', label: `race-desk-${process.pid}` }
const instant = new Date(clockIso)
const host = await createHost({ dataDir, clock: { now: () => instant } })
const { call } = host.client
process.stdout.write('ready\n')
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()))
process.stdin.destroy()
const started = Date.now()

const codes: Record<string, number> = {}
const mine: number[] = []
for (let i = 0; i < Number(opsArg ?? 40); i++) {
  const roll = random(10)
  let result: Result<MethodResult<'appointments.book'>>
  if (roll < 2 && mine.length > 0) {
    result = await call(desk, 'appointments.cancel', {
      id: mine.splice(random(mine.length), 1)[0]!,
      reason: 'race',
    })
  } else if (roll < 4) {
    const slotId = pick(slotIds)
    const hold = await call(desk, 'holds.create', { slotId })
    result = !hold.ok
      ? hold
      : await call(desk, 'appointments.book', {
          slotId,
          holdId: hold.value.id,
          patientId: pick(patientIds),
          idempotencyKey: `hold-${process.pid}-${i}`,
        })
    // A desk that could not book lets its hold go at once, as the reception screen does.
    if (hold.ok && !result.ok) await call(desk, 'holds.release', { holdId: hold.value.id })
  } else if (roll < 5) {
    result = await call(desk, 'appointments.walkIn', {
      scope: { doctorId: Number(process.env.RACE_DOCTOR) },
      patientId: pick(patientIds),
      idempotencyKey: `walk-${process.pid}-${i}`,
    })
  } else {
    result = await call(desk, 'appointments.book', {
      slotId: pick(slotIds),
      patientId: pick(patientIds),
      idempotencyKey: `book-${process.pid}-${i}`,
    })
  }
  const code = result.ok ? 'OK' : result.error.code
  codes[code] = (codes[code] ?? 0) + 1
  if (result.ok && roll >= 2 && result.value.status !== 'CANCELED') mine.push(result.value.id)
}
await host.close()
process.stdout.write(`${JSON.stringify({ pid: process.pid, codes, ms: Date.now() - started })}\n`)
