import { availableParallelism, loadavg } from 'node:os'
import { systemClock } from '../src/main/db/clock'
import { openDatabase, type OpenedDatabase } from '../src/main/db/open'
import { Writer } from '../src/main/db/write'
import { createDispatcher, type Dispatch } from '../src/main/host/dispatcher'
import { EventBus } from '../src/main/host/event-bus'
import { handlers } from '../src/main/services'
import type { Caller } from '../src/shared/roles'

export const DESK: Caller = { role: 'reception', label: 'bench-desk' }
export const ADMIN: Caller = { role: 'admin', label: 'bench-admin' }

/** The host as createHost builds it (database, writer, dispatcher, bus), with one subscriber serialising every event as a transport would. */
export function benchHost(file: string): {
  database: OpenedDatabase
  dispatch: Dispatch
  writer: Writer
  events: () => number
} {
  const database = openDatabase(file)
  const bus = new EventBus()
  let events = 0
  bus.subscribe((e) => {
    JSON.stringify(e)
    events++
  })
  const writer = new Writer(database, bus, systemClock)
  const dispatch = createDispatcher(handlers, {
    read: database.read,
    snapshots: database.snapshots,
    reports: database.reports,
    writer,
    clock: systemClock,
  })
  return { database, dispatch, writer, events: () => events }
}

export async function must<T>(
  dispatch: Dispatch,
  caller: Caller,
  method: string,
  params: unknown,
): Promise<T> {
  const r = await dispatch(caller, method, params)
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`)
  return r.value as T
}

export const pct = (list: readonly number[], p: number): number => {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

export const machine = (): string =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores`

export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024)

/** Wall milliseconds of one call. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

/**
 * Books `n` patients one after another into the next free bands of `places` (taken off its front),
 * patient ids from `firstPatient`: each booking's latency in ms, the figure a desk feels while a
 * report or an export runs beside it.
 */
export async function bookOneByOne(
  dispatch: Dispatch,
  places: { id: number }[],
  firstPatient: number,
  n: number,
  keyPrefix: string,
): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const place = places.shift()
    if (!place) throw new Error('out of free bands')
    out.push(
      await timeMs(() =>
        must(dispatch, DESK, 'appointments.book', {
          slotId: place.id,
          patientId: firstPatient + i,
          idempotencyKey: `${keyPrefix}-${i}`,
        }),
      ),
    )
  }
  return out
}
