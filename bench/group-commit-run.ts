// Body of bench/group-commit.ts: N in-process callers, each booking one after another into
// bands of its own (nothing refused), all at once; bookings/s and the group sizes seen.
// argv: freshDbFile
import { ADMIN, benchHost, DESK, machine, must } from './bench-host'
import { generateDb } from './generate-db'

const CALLERS = [1, 2, 4, 8, 16]
/** Bookings per level, whatever the number of callers: the same work at each level. */
const PER_LEVEL = Number(process.env.BENCH_PER_LEVEL ?? 320)
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3)

const [file] = process.argv.slice(2)
if (!file) throw new Error('usage: group-commit-run.ts freshDbFile')
generateDb(file, 0, 3000)
const { database, dispatch, writer } = benchHost(file)
await must(dispatch, ADMIN, 'schedules.generate', {})
await must(dispatch, ADMIN, 'settings.update', { onePerDoctorPerDay: false })
const places = database.sqlite
  .prepare(
    `SELECT id FROM doctor_schedules WHERE date > date('now', '+1 day') AND booked = 0 ORDER BY date, doctor_id, start_time`,
  )
  .all() as { id: number }[]
const need = CALLERS.length * REPEATS * PER_LEVEL
if (places.length < need) throw new Error(`only ${places.length} free bands for ${need} bookings`)
const run = Date.now().toString(36)
let n = 0
/**
 * Group sizes as "size×commits", counting only the commits since `before`. `?? new Map` lets this
 * file run unchanged in an export of a commit from before group commit, for the comparison.
 */
const sizesSince = (before: ReadonlyMap<number, number>): string =>
  [...(writer.groupSizes ?? new Map<number, number>())]
    .map(([size, count]) => [size, count - (before.get(size) ?? 0)] as const)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a - b)
    .map(([size, count]) => `${size}×${count}`)
    .join(' ')

console.log(
  `group commit: ${PER_LEVEL} bookings per level, ${REPEATS} repeats, WAL + synchronous=FULL, ${machine()}`,
)
for (const callers of CALLERS) {
  const rates: number[] = []
  let sizes = ''
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const before = new Map(writer.groupSizes ?? [])
    const each = Math.ceil(PER_LEVEL / callers)
    const t = performance.now()
    await Promise.all(
      Array.from({ length: callers }, async () => {
        for (let k = 0; k < each; k++) {
          const i = n++
          await must(dispatch, DESK, 'appointments.book', {
            slotId: places[i]!.id,
            patientId: 1 + (i % 3000),
            idempotencyKey: `group-${run}-${i}`,
          })
        }
      }),
    )
    rates.push(((each * callers) / (performance.now() - t)) * 1000)
    sizes = sizesSince(before)
  }
  rates.sort((a, b) => a - b)
  console.log(
    `  ${String(callers).padStart(2)} callers: ${rates.map((r) => r.toFixed(0)).join(' / ')} bookings/s (median ${rates[Math.floor(rates.length / 2)]!.toFixed(0)}); last repeat's commits by size: ${sizes || 'n/a'}`,
  )
}
await database.close()
