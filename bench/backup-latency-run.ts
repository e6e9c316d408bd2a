// Part of `npm run bench:startup` (bench/startup.ts): a booking's latency, through the whole host
// path, while nothing else runs and while a backup of the 1M database is being copied: the way
// backups copy now (db/snapshots.ts: a worker thread's own connection), and the way they did
// (VACUUM INTO on the host's connection, through the same lock every call takes).
// argv: a copy of the 1M database (bookings are made in it)
import { CompiledQuery } from 'kysely'
import { join } from 'node:path'
import { ADMIN, benchHost, DESK, must, pct } from './bench-host'

const file = process.argv[2]!
const { database, dispatch } = benchHost(file)
await must(dispatch, ADMIN, 'schedules.generate', {})
await must(dispatch, ADMIN, 'settings.update', { onePerDoctorPerDay: false })
const places = database.sqlite
  .prepare(
    `SELECT id FROM doctor_schedules WHERE date > date('now', '+1 day') AND booked = 0 ORDER BY date, doctor_id, start_time`,
  )
  .all() as { id: number }[]
const { n: patients } = database.sqlite.prepare('SELECT max(id) AS n FROM patients').get() as {
  n: number
}
let next = 0
let seq = 0

/** Books one patient into the next free band; its latency in ms. */
async function bookOnce(): Promise<number> {
  const place = places[next++]
  if (!place) throw new Error('out of free bands')
  const t = performance.now()
  await must(dispatch, DESK, 'appointments.book', {
    slotId: place.id,
    patientId: 1 + (seq % patients),
    idempotencyKey: `latency-${Date.now()}-${++seq}`,
  })
  return performance.now() - t
}

/** Bookings one after the other, 10 ms apart (desks, not a loop), until `done` settles (or `count`). */
async function bookWhile(done: Promise<unknown> | number): Promise<number[]> {
  const list: number[] = []
  let over = typeof done === 'number'
  if (typeof done !== 'number') void done.finally(() => (over = true))
  while (typeof done === 'number' ? list.length < done : !over) {
    list.push(await bookOnce())
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return list
}

const show = (label: string, list: readonly number[], copyMs?: number): void =>
  console.log(
    `${label.padEnd(34)} ${String(list.length).padStart(4)} bookings  p50 ${pct(list, 50).toFixed(1)} ms  p95 ${pct(list, 95).toFixed(1)} ms  ` +
      `max ${Math.max(...list).toFixed(1)} ms${copyMs === undefined ? '' : `  (copy ${(copyMs / 1000).toFixed(1)} s)`}`,
  )
const timed = async (copy: Promise<unknown>): Promise<[number[], number]> => {
  const t = performance.now()
  const during = bookWhile(copy)
  await copy
  return [await during, performance.now() - t]
}

show('no backup running', await bookWhile(50))
const [now, nowMs] = await timed(must(dispatch, ADMIN, 'backup.create', {}))
show('backup.create (worker connection)', now, nowMs)
const old = database.units.db.executeQuery(
  CompiledQuery.raw('VACUUM INTO ?', [join(file, '..', 'old-way.sqlite')]),
)
const [then, thenMs] = await timed(old)
show('VACUUM INTO on the host connection', then, thenMs)
await database.close()
