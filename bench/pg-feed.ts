// npm run bench:pg-feed — how long a commit on one PostgreSQL host takes to reach another host's
// bus (issue 15 part 4: p95 ≤ 50 ms). Two hosts, each its own pools and change feed, 8 writers
// (4 per host) committing one event each; latency is COMMIT returned on the writer → the event
// delivered on the other host's bus. A throw-away cluster (bench/pg-cluster.ts), stopped at the end.
// This is a benchmark and not a test: the figure depends on the machine's load (a loaded CI
// machine measured p95 112 ms where an idle one measures 25–46 ms).
import pg from 'pg'
import { ChangeFeed } from '../src/main/db/pg/change-feed'
import { openPgHandles } from '../src/main/db/pg/handles-pg'
import { migratePg } from '../src/main/db/pg/migrate-pg'
import { PG_MIGRATIONS } from '../src/main/db/pg/migrations-pg'
import { startPgCluster } from './pg-cluster'

const COMMITS = Number(process.env.BENCH_COMMITS ?? 2000)
const NOW = '2026-12-02T09:00:00.000Z'

const cluster = await startPgCluster()
try {
  const url = cluster.url('postgres')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await migratePg(client, PG_MIGRATIONS)
  await client.end()

  const open = async (name: string) => ({
    name,
    feed: await ChangeFeed.open(url, { name }),
    handles: openPgHandles(url, 4),
  })
  const hosts = [await open('A'), await open('B')]
  const committedAt = new Map<string, number>()
  const heardAt = new Map<string, number>()
  const stops = hosts.map((h) =>
    h.feed.bus.subscribe((e) => {
      const key = (e.payload as { keys: string[] }).keys[0]!
      if (!key.startsWith(h.name)) heardAt.set(key, performance.now())
    }),
  )
  let next = 0
  const writer = async (on: (typeof hosts)[number], lane: number) => {
    while (next < COMMITS) {
      const key = `${on.name}${lane}-${next++}`
      const events = [{ event: 'settings.changed' as const, payload: { keys: [key] } }]
      await on.handles.units.db.transaction().execute((tx) => on.feed.record(tx, events, NOW))
      committedAt.set(key, performance.now())
      on.feed.committed()
    }
  }
  const started = performance.now()
  await Promise.all([0, 1, 2, 3].flatMap((i) => hosts.map((h) => writer(h, i))))
  const seconds = (performance.now() - started) / 1000
  const deadline = Date.now() + 10_000
  while (heardAt.size < COMMITS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5))
  for (const stop of stops) stop()
  // Heard before the writer's await returned (another commit's read brought it along) counts as 0.
  const latency = [...committedAt]
    .map(([key, at]) => Math.max(0, (heardAt.get(key) ?? Infinity) - at))
    .sort((x, y) => x - y)
  const at = (q: number) => latency[Math.min(latency.length - 1, Math.floor(q * latency.length))]!
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : 'never')
  console.log(
    `${COMMITS} commits on 2 hosts, 8 writers, ${(COMMITS / seconds).toFixed(0)} commits/s; ` +
      `heard on the other host: ${heardAt.size}`,
  )
  console.log(
    `pg-feed cross-host latency: p50 ${ms(at(0.5))} ms, p95 ${ms(at(0.95))} ms, max ${ms(at(1))} ms`,
  )
  for (const h of hosts) {
    await h.feed.close()
    await h.handles.destroy()
  }
} finally {
  cluster.stop()
}
