import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { afterEach, expect, test } from 'vitest'
import type { MethodInput, MethodParsed } from '../../src/shared/contract'
import type { AuditRow } from '../../src/shared/contract/audit'
import type { Caller } from '../../src/shared/roles'
import type { DB } from '../../src/main/db/schema'
import { auditHandlers } from '../../src/main/services/audit'
import type { ServiceContext } from '../../src/main/services/context'
import { forEachEngine } from '../helpers/engines'
import { makeTestHost, manualClock, type TestHost } from '../helpers/test-host'

// audit.list's time filter is an id range found by bisecting the rowid (services/audit/range.ts),
// since 0006_lean_commit dropped the indexes on audit_log.at and audit_log.staff_id. On SQLite
// `at` never goes backwards along ids (one writer, appendAudit holds it to the last row's); on
// PostgreSQL it does not hold across lanes and hosts, so there the `at` predicates alone decide.

let host: TestHost
let other: TestHost | undefined
afterEach(async () => {
  await other?.dispose()
  other = undefined
  await host?.dispose()
})

const WANG: Caller = { role: 'admin', staffId: 7, label: '王芳 (admin) @192.168.1.20' }
const LI: Caller = { role: 'admin', staffId: 8, label: '李四 (admin) @192.168.1.21' }

/** Instants straddling two midnights; two rows share one instant. */
const HISTORY: readonly [string, Caller][] = [
  ['2026-11-28T08:00:00.000Z', WANG],
  ['2026-11-28T23:59:59.999Z', LI],
  ['2026-11-29T00:00:00.000Z', WANG],
  ['2026-11-29T05:01:02.345Z', LI],
  ['2026-11-29T05:01:02.345Z', WANG],
  ['2026-11-29T12:30:00.000Z', WANG],
  ['2026-11-29T23:59:59.999Z', LI],
  ['2026-11-30T00:00:00.000Z', WANG],
  ['2026-11-30T09:15:00.000Z', LI],
]

/** A host whose audit log holds HISTORY, written through the real write path. */
async function hostWithHistory(): Promise<TestHost> {
  const clock = manualClock('2026-11-28T00:00:00.000Z')
  host = await makeTestHost({ clock })
  for (const [i, [at, caller]] of HISTORY.entries()) {
    clock.set(at)
    await host.must(caller, 'rooms.create', { name: `诊室${i + 1}` })
  }
  return host
}

const bareDate = (text: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(text)

/** The contract's meaning of from/to, applied to the whole log in memory. */
function expected(
  all: readonly AuditRow[],
  filter: { from?: string; to?: string; staffId?: number; actor?: string },
): number[] {
  const { from, to, staffId, actor } = filter
  return all
    .filter((r) => from === undefined || r.at >= from)
    .filter((r) => to === undefined || r.at <= (bareDate(to) ? `${to}T99` : to))
    .filter((r) => staffId === undefined || r.staffId === staffId)
    .filter((r) => actor === undefined || r.actor.includes(actor))
    .map((r) => r.id)
}

/** Every page of a listing, following nextCursor; the ids in the order they came. */
async function allPages(input: MethodInput<'audit.list'>): Promise<number[]> {
  const ids: number[] = []
  let cursor: number | undefined
  for (let pages = 0; pages < 100; pages++) {
    const page = await host.must(WANG, 'audit.list', {
      ...input,
      ...(cursor === undefined ? {} : { cursor }),
    })
    expect(page.rows.length).toBeLessThanOrEqual(input.limit ?? 50)
    ids.push(...page.rows.map((r) => r.id))
    if (page.nextCursor === null) return ids
    expect(page.nextCursor).toBe(page.rows.at(-1)?.id)
    cursor = page.nextCursor
  }
  throw new Error('paging did not end')
}

async function ids(input: MethodInput<'audit.list'>): Promise<number[]> {
  const page = await host.must(WANG, 'audit.list', { limit: 200, ...input })
  expect(page.nextCursor).toBeNull()
  return page.rows.map((r) => r.id)
}

forEachEngine((engine) => {
  test('a time range returns exactly the rows in it, at the edges', async () => {
    await hostWithHistory()
    const all = (await host.must(WANG, 'audit.list', { limit: 200 })).rows
    expect(all.map((r) => r.at)).toEqual(HISTORY.map(([at]) => at).reverse())
    const id = (n: number): number => all[all.length - n]?.id ?? -1 // the n-th row written, 1-based

    // from at a row's exact instant includes it; both rows sharing that instant come back.
    expect(await ids({ from: '2026-11-29T05:01:02.345Z' })).toEqual([
      id(9),
      id(8),
      id(7),
      id(6),
      id(5),
      id(4),
    ])
    // to as a bare date includes that whole day, up to its last millisecond …
    expect(await ids({ to: '2026-11-29' })).toEqual([
      id(7),
      id(6),
      id(5),
      id(4),
      id(3),
      id(2),
      id(1),
    ])
    expect(await ids({ from: '2026-11-29', to: '2026-11-29' })).toEqual([
      id(7),
      id(6),
      id(5),
      id(4),
      id(3),
    ])
    // … and an exact instant as `to` is inclusive of that instant only.
    expect(await ids({ to: '2026-11-29T05:01:02.345Z' })).toEqual([
      id(5),
      id(4),
      id(3),
      id(2),
      id(1),
    ])
    expect(await ids({ to: '2026-11-29T05:01:02.344Z' })).toEqual([id(3), id(2), id(1)])
    expect(await ids({ from: '2026-11-29T05:01:02.345Z', to: '2026-11-29T05:01:02.345Z' })).toEqual(
      [id(5), id(4)],
    )
    expect(await ids({ from: '2026-11-30T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' })).toEqual(
      [id(8)],
    )
    // Empty ranges: between two rows, reversed, before the first row, after the last.
    expect(await ids({ from: '2026-11-29T05:01:02.346Z', to: '2026-11-29T12:29:59.999Z' })).toEqual(
      [],
    )
    expect(await ids({ from: '2026-11-30', to: '2026-11-29' })).toEqual([])
    expect(await ids({ to: '2026-11-27' })).toEqual([])
    expect(await ids({ from: '2000-01-01', to: '2026-11-28T07:59:59.999Z' })).toEqual([])
    expect(await ids({ from: '2026-11-30T09:15:00.001Z' })).toEqual([])
    expect(await ids({ from: '2026-12-01', to: '2999-12-31' })).toEqual([])
    // Ranges reaching past either end hold everything on that side.
    expect(await ids({ from: '2000-01-01', to: '2999-12-31' })).toEqual(all.map((r) => r.id))
    expect(await ids({ from: '2026-11-30T09:15:00.000Z', to: '2999-12-31' })).toEqual([id(9)])
    expect(await ids({ from: '2000-01-01', to: '2026-11-28T08:00:00.000Z' })).toEqual([id(1)])
  })

  test('every from/to pair of edge values matches the contract, alone, with staffId and actor, and paged', async () => {
    await hostWithHistory()
    const all = (await host.must(WANG, 'audit.list', { limit: 200 })).rows
    const instants = [...new Set(HISTORY.map(([at]) => at))]
    const shifted = (at: string, ms: number): string =>
      new Date(new Date(at).getTime() + ms).toISOString()
    const edges = [
      ...instants,
      ...instants.map((at) => shifted(at, -1)),
      ...instants.map((at) => shifted(at, 1)),
      ...['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'],
    ]
    const bounds = [undefined, ...edges]
    for (const from of bounds) {
      for (const to of bounds) {
        if (from === undefined && to === undefined) continue
        const range = {
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
        }
        const want = expected(all, range)
        expect(await ids(range), JSON.stringify(range)).toEqual(want)
        expect(await allPages({ ...range, limit: 2 }), `paged ${JSON.stringify(range)}`).toEqual(
          want,
        )
        expect(await ids({ ...range, staffId: 8 }), `staff ${JSON.stringify(range)}`).toEqual(
          expected(all, { ...range, staffId: 8 }),
        )
        expect(
          await allPages({ ...range, actor: '王芳', limit: 1 }),
          `actor ${JSON.stringify(range)}`,
        ).toEqual(expected(all, { ...range, actor: '王芳' }))
      }
    }
  }, 300_000) // some 10,000 listings: on PostgreSQL each is a round trip, on two loaded cores

  test('paging through a range with a small limit returns each row once, newest first', async () => {
    await hostWithHistory()
    const range = { from: '2026-11-28T23:59:59.999Z', to: '2026-11-30' }
    const paged = await allPages({ ...range, limit: 2 })
    expect(paged).toHaveLength(8)
    expect(new Set(paged).size).toBe(paged.length)
    expect(paged).toEqual([...paged].sort((a, b) => b - a))
    // With a filter on top, the cursor still walks only the range.
    const wang = await allPages({ ...range, staffId: 7, limit: 1 })
    const rows = (await host.must(WANG, 'audit.list', { ...range, limit: 200 })).rows
    expect(wang).toEqual(rows.filter((r) => r.staffId === 7).map((r) => r.id))
    expect(wang).toHaveLength(4)
    // A cursor from outside the range (above it) still lands on the range's newest rows.
    const above = await host.must(WANG, 'audit.list', { ...range, limit: 3, cursor: 1_000_000 })
    expect(above.rows.map((r) => r.id)).toEqual(paged.slice(0, 3))
    expect(above.nextCursor).toBe(paged[2])
  })

  /** Inserts audit rows directly (the query alone is under test): ids and instants as given. */
  async function insertRows(
    h: TestHost,
    rows: readonly { id: number; at: string; staffId?: number }[],
  ): Promise<void> {
    await h.database.units.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += 500)
        await tx
          .insertInto('audit_log')
          .values(
            rows.slice(i, i + 500).map((r) => ({
              id: r.id,
              at: r.at,
              actor: `staff#${r.staffId ?? 0}`,
              staff_id: r.staffId ?? null,
              action: 'rooms.create',
              entity: 'room',
              entity_id: r.id,
            })),
          )
          .execute()
    })
  }

  test('ids with gaps: the bisection does not assume consecutive ids', async () => {
    host = await makeTestHost()
    const gappy = [3, 4, 9, 10, 11, 40, 41, 100, 257, 258, 1000].map((id, i) => ({
      id,
      at: new Date(Date.UTC(2026, 10, 28, 0, i * 7)).toISOString(),
    }))
    await insertRows(host, gappy)
    const all = (await host.must(WANG, 'audit.list', { limit: 200 })).rows
    expect(all.map((r) => r.id)).toEqual(gappy.map((r) => r.id).reverse())
    const edges = [
      ...gappy.map((r) => r.at),
      ...gappy.map((r) => new Date(new Date(r.at).getTime() + 1).toISOString()),
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]
    for (const from of edges) {
      for (const to of edges) {
        expect(await ids({ from, to }), `${from}..${to}`).toEqual(expected(all, { from, to }))
      }
    }
  })

  test('an empty log lists nothing for any range', async () => {
    host = await makeTestHost()
    expect(await host.must(WANG, 'audit.list', { from: '2000-01-01', to: '2999-12-31' })).toEqual({
      rows: [],
      nextCursor: null,
    })
    expect(await host.must(WANG, 'audit.list', { to: '2026-11-29' })).toEqual({
      rows: [],
      nextCursor: null,
    })
  })

  test('a writer whose clock is behind another: a range still finds every row in it', async () => {
    // On SQLite one host writes all three (its clock set back for the second: appendAudit keeps
    // `at` from going backwards). On PostgreSQL a second host on the same database, its clock 5 s
    // behind, writes the second: its own audit lane starts fresh, so along ids `at` goes back.
    const ahead = manualClock('2026-11-29T10:00:05.000Z')
    host = await makeTestHost({ clock: ahead })
    const behind = manualClock('2026-11-29T10:00:00.000Z')
    if (engine === 'postgres')
      other = await makeTestHost({ clock: behind, databaseUrl: host.databaseUrl })
    await host.must(WANG, 'rooms.create', { name: '诊室1' })
    if (other) await other.must(LI, 'rooms.create', { name: '诊室2' })
    else {
      ahead.set('2026-11-29T10:00:00.000Z')
      await host.must(LI, 'rooms.create', { name: '诊室2' })
    }
    ahead.set('2026-11-29T10:00:06.000Z')
    await host.must(WANG, 'rooms.create', { name: '诊室3' })
    const all = (await host.must(WANG, 'audit.list', { limit: 200 })).rows
    expect(all).toHaveLength(3)
    const edges = [
      ...['00', '01', '04', '05', '06', '07'].map((s) => `2026-11-29T10:00:${s}.000Z`),
      '2026-11-28',
      '2026-11-29',
    ]
    for (const from of [undefined, ...edges])
      for (const to of [undefined, ...edges]) {
        const range = {
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
        }
        expect(await ids(range), JSON.stringify(range)).toEqual(expected(all, range))
      }
  })

  test('on 20,000 rows a range query returns exactly its rows in few statements; on SQLite they search the primary key, never scan (its EXPLAIN QUERY PLAN)', async () => {
    host = await makeTestHost()
    const start = Date.UTC(2026, 0, 1)
    const rows = Array.from({ length: 20_000 }, (_, i) => ({
      id: i + 1,
      at: new Date(start + i * 60_000).toISOString(),
      staffId: (i % 5) + 1,
    }))
    await insertRows(host, rows)
    const at = (id: number): string => rows[id - 1]?.at ?? ''

    // The handler on its own Kysely over the same database, logging every statement it runs. On
    // SQLite over the host's connection (not destroyed: that would close it); on PostgreSQL over a
    // pool of its own, int8 read as numbers as the host's handles do (db/pg/handles-pg.ts).
    const queries: CompiledQuery[] = []
    const log = (event: { query: CompiledQuery }) => void queries.push(event.query)
    const pool =
      engine === 'postgres'
        ? new pg.Pool({
            connectionString: host.databaseUrl,
            max: 1,
            types: {
              getTypeParser: (oid: number, format?: string) =>
                oid === pg.types.builtins.INT8
                  ? Number
                  : pg.types.getTypeParser(oid, format as 'text'),
            },
          })
        : undefined
    const read = new Kysely<DB>({
      dialect: pool
        ? new PostgresDialect({ pool })
        : new SqliteDialect({ database: host.database.sqlite }),
      log,
    })
    const list = (input: Partial<MethodParsed<'audit.list'>>) =>
      auditHandlers['audit.list']({ limit: 50, ...input }, {
        read: engine === 'postgres' ? Object.assign(read, { engine }) : read,
      } as unknown as ServiceContext)
    const plan = (q: CompiledQuery): string[] =>
      (
        host.database.sqlite
          .prepare(`explain query plan ${q.sql}`)
          .all(...(q.parameters as unknown[])) as { detail: string }[]
      ).map((r) => r.detail)

    try {
      for (const input of [
        { from: at(5001), to: at(5101) },
        { from: '2026-01-05', to: '2026-01-05', staffId: 3 },
        { from: at(101), to: at(19_001), actor: 'staff#2', cursor: 12_345, limit: 10 },
        { to: at(11) },
        { from: at(19_991) },
      ]) {
        queries.length = 0
        const result = await list(input)
        expect(result.rows.map((r) => r.id)).toEqual(
          expected(
            rows.map((r) => ({
              id: r.id,
              at: r.at,
              actor: `staff#${r.staffId}`,
              staffId: r.staffId,
              action: '',
              entity: '',
              entityId: null,
              before: null,
              after: null,
            })),
            input,
          )
            .filter((id) => input.cursor === undefined || id < input.cursor)
            .sort((a, b) => b - a)
            .slice(0, input.limit ?? 50),
        )
        if (engine === 'postgres') {
          // No bisection on PostgreSQL (range.ts): the listing alone, its `at` predicates deciding.
          expect(queries).toHaveLength(1)
          continue
        }
        // Two end lookups, at most two bisections of ~15 probes each, and the listing itself.
        expect(queries.length).toBeLessThanOrEqual(2 + 2 * 16 + 1)
        for (const q of queries) expect(plan(q).join('; '), q.sql).not.toMatch(/SCAN|TEMP B-TREE/)
        const listing = queries.at(-1)
        if (listing === undefined) throw new Error('no listing query')
        expect(plan(listing).join('; ')).toMatch(
          /^SEARCH audit_log USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)$/,
        )
      }
    } finally {
      await pool?.end()
    }
  })
})
