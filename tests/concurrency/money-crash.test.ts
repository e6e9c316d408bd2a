// The money crash test, on both engines. A storm (money-storm.ts: desks and an admin paying,
// refunding, opening and closing shifts) is killed with SIGKILL at random moments; after each
// crash a fresh host opens the database as the crash left it, the money invariants are checked
// (money-check.ts), every pay and close left in doubt is retried and must answer what is stored,
// and the invariants are checked again.
// SQLite: one host process on the file, CRASH_KILLS kills. PostgreSQL: 2–3 host processes on one
// database, PG_MONEY_CRASH_ROUNDS rounds; each SIGKILLs one host (the others go on) or all, and
// every third stops the server with `pg_ctl stop -m immediate` mid-storm and starts it again: the
// hosts ride it out and take money again before one or all are killed. Survivors pause while
// the database is checked and go on in the next round. Env: CRASH_KILLS, PG_MONEY_CRASH_ROUNDS,
// PG_MONEY_CRASH_SERVER_EVERY, MONEY_CRASH_SEED (docs/POSTGRESQL.md).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { afterAll, expect, test } from 'vitest'
import { createHost } from '../../src/main/host/create-host'
import type { EngineKind } from '../../src/main/db/units'
import { TODAY, type Clinic } from '../helpers/booking-fixture'
import { forEachEngine } from '../helpers/engines'
import type { PgCluster } from '../helpers/pg-cluster'
import { ADMIN } from '../helpers/test-host'
import { bundleWorker } from './bundle-worker'
import {
  expectMoneyExact,
  expectSqliteSound,
  noAcks,
  pgSql,
  readAck,
  retryInDoubt,
  sqliteSql,
  type MoneyAcks,
  type Sql,
} from './money-check'
import { EXPECTED_CODES } from './money-desk'
import { moneyClinic } from './money-fixture'
import { killDuringStorm, startStorm, type Storm } from './start-worker'

const KILLS = Number(process.env.CRASH_KILLS ?? 12)
const PG_ROUNDS = Number(process.env.PG_MONEY_CRASH_ROUNDS ?? 21)
/** Every how many PostgreSQL rounds the server itself is stopped mid-storm. */
const SERVER_EVERY = Number(process.env.PG_MONEY_CRASH_SERVER_EVERY ?? 3)
/** Desks per host on PostgreSQL (besides its admin): several hosts share two cores. */
const PG_DESKS = 3

interface Tally {
  retried: number
  stored: number
  seen: Awaited<ReturnType<typeof expectMoneyExact>>
}

/**
 * After a crash: a fresh host on the database; the invariants, then the retries of what was in
 * doubt, then the invariants again (a retry wrote nothing half, doubled nothing).
 */
async function afterCrash(
  clinic: Clinic,
  engine: EngineKind,
  acks: MoneyAcks,
  tally: Tally,
  when: string,
): Promise<void> {
  const { host, clock } = clinic
  const dir = engine === 'sqlite' ? host.dataDir : mkdtempSync(join(tmpdir(), 'clinicdesk-mc-'))
  const checker = await createHost({ dataDir: dir, clock, databaseUrl: host.databaseUrl })
  const sqlite = engine === 'sqlite' ? new BetterSqlite3(host.file, { readonly: true }) : undefined
  const client = sqlite ? undefined : new pg.Client({ connectionString: host.databaseUrl })
  await client?.connect()
  const sql: Sql = sqlite ? sqliteSql(sqlite) : pgSql(client!)
  try {
    const sound = async (what: string) => {
      if (sqlite) expectSqliteSound(sqlite)
      expect(
        await checker.client.must(ADMIN, 'audit.verify', {}),
        `audit chain ${what}`,
      ).toMatchObject({ ok: true })
      tally.seen = await expectMoneyExact(sql, acks)
    }
    await sound(when)
    const r = await retryInDoubt(checker.client, sql, acks)
    tally.retried += r.retried
    tally.stored += r.stored
    await sound(`${when}, after the retries`)
  } finally {
    sqlite?.close()
    await client?.end()
    await checker.close()
    if (engine !== 'sqlite') rmSync(dir, { recursive: true, force: true })
  }
}

forEachEngine((engine, server) => {
  let clinic: Clinic | undefined
  let bundle: string | undefined
  const storms: Storm[] = []
  afterAll(async () => {
    for (const s of storms) if (s.child.exitCode === null) s.child.kill('SIGKILL')
    await clinic?.host.dispose()
    if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
  })

  const sqliteTitle = `SIGKILL during a pay/refund/close storm ${KILLS} times`
  const pgTitle = `${PG_ROUNDS} rounds of kill -9 on 2–3 hosts, every ${SERVER_EVERY}rd with pg_ctl stop -m immediate mid-storm`
  test(`${engine === 'sqlite' ? sqliteTitle : pgTitle}: every acknowledged payment, refund and close survives once, nothing half-written, every shift adds up, retries in doubt answer what is stored`, async () => {
    const made = await moneyClinic()
    clinic = made
    const { host, clock, appointmentIds } = made
    await host.close()
    const file = (bundle = await bundleWorker('tests/concurrency/money-storm.ts'))
    const acks = noAcks()
    const tally: Tally = {
      retried: 0,
      stored: 0,
      seen: { payments: 0, refunds: 0, shifts: 0, closed: 0 },
    }
    /** Every outcome code the desks were told, this round; INTERNAL only while the server is away. */
    let codes: Record<string, number> = {}
    const allCodes: Record<string, number> = {}
    const onLine = (line: string): boolean => {
      if (!line.startsWith('O [')) return readAck(acks, line)
      for (const code of JSON.parse(line.slice(2)) as string[]) codes[code] = (codes[code] ?? 0) + 1
      return false
    }
    const expectCodes = (serverAway: boolean, when: string) => {
      const unexpected = Object.keys(codes).filter(
        (c) => !EXPECTED_CODES.has(c) && !(serverAway && c === 'INTERNAL'),
      )
      expect(unexpected, `desks were told ${JSON.stringify(codes)} ${when}`).toEqual([])
      for (const [c, n] of Object.entries(codes)) allCodes[c] = (allCodes[c] ?? 0) + n
      codes = {}
    }
    let seed = Number(process.env.MONEY_CRASH_SEED ?? 29)
    const next = (n: number): number => (seed = (seed * 48271) % 2147483647) % n
    const args = (s: number, desks?: number) => [
      host.dataDir,
      clock.now().toISOString(),
      TODAY,
      appointmentIds.join(','),
      String(s),
      ...(desks ? [String(desks)] : []),
    ]

    if (engine === 'sqlite') {
      for (let kill = 0; kill < KILLS; kill++) {
        next(1)
        await killDuringStorm(file, args(seed), 50 + (seed % 600), onLine)
        expectCodes(false, `before kill ${kill}`)
        await afterCrash(made, engine, acks, tally, `after kill ${kill}`)
      }
      console.log(
        `money crash (SQLite): ${KILLS} kills; ${acks.payments.size} payments, ${acks.refunds.size} refunds and ${acks.closes.size} closes acknowledged and found; ${tally.retried} pays, refunds and closes in doubt retried (${tally.stored} were stored)`,
        tally.seen,
        allCodes,
      )
      expect(acks.payments.size).toBeGreaterThan(KILLS)
      expect(acks.refunds.size).toBeGreaterThan(0)
      expect(acks.closes.size).toBeGreaterThan(0)
      return
    }

    const cluster: PgCluster = server()
    const env = { CLINIC_DATABASE_URL: host.databaseUrl!, MONEY_STORM_CONTROL: '1' }
    const dirs = mkdtempSync(join(tmpdir(), 'clinicdesk-money-crash-'))
    /** A new host, paused until "go" (it starts up while the test checks the database). */
    const start = (): Storm => {
      const storm = startStorm(
        file,
        [mkdtempSync(join(dirs, 'h-')), ...args(1 + next(1_000_000), PG_DESKS).slice(1)],
        env,
        onLine,
      )
      storms.push(storm)
      return storm
    }
    const exited = (s: Storm, what: string) =>
      expect(s.child.exitCode, `a host exited by itself ${what}: ${s.stderr()}`).toBeNull()
    /** Until every storm has acknowledged `more` writes beyond what it had (or fails the test). */
    const progress = async (list: Storm[], more: number, what: string): Promise<void> => {
      const goal = list.map((s) => s.acks + more)
      for (let waited = 0; list.some((s, i) => s.acks < goal[i]!); waited += 10) {
        for (const s of list) exited(s, what)
        expect(waited, `hosts made no progress ${what}`).toBeLessThan(60_000)
        await sleep(10)
      }
    }
    const kill = async (list: Storm[]): Promise<void> => {
      for (const s of list) s.child.kill('SIGKILL')
      await Promise.all(list.map((s) => s.closed))
    }
    /** The survivors finish the calls under way and wait: the database is quiet for the checks. */
    const pause = async (list: Storm[], what: string): Promise<void> => {
      const done = Promise.all(
        list.map((s) => {
          const paused = s.next('paused')
          s.send('pause')
          return paused
        }),
      )
      let late = true
      void done.then(() => (late = false))
      for (let waited = 0; late; waited += 10) {
        for (const s of list) exited(s, what)
        expect(waited, `hosts did not pause ${what}`).toBeLessThan(60_000)
        await sleep(10)
      }
    }
    let live: Storm[] = []
    let started = 0
    let serverStops = 0
    const topUp = () => {
      for (let want = 2 + next(2); live.length < want; started++) live.push(start())
    }
    try {
      topUp()
      for (let round = 0; round < PG_ROUNDS; round++) {
        const t0 = Date.now()
        await Promise.all(live.map((s) => s.ready))
        for (const s of live) s.send('go')
        await progress(live, 1, `in round ${round}`)
        await sleep(50 + next(600))
        const kind = round % SERVER_EVERY === SERVER_EVERY - 1 ? 'server' : next(2) ? 'one' : 'all'
        let victims = live
        if (kind === 'server') {
          // Mid-storm the server dies without a checkpoint; it comes back on the same data folder.
          cluster.crash()
          serverStops++
          await sleep(100 + next(400))
          cluster.start()
          // The hosts rode it out: each takes money again before one or all are killed.
          await progress(live, 2, `after the server came back in round ${round}`)
          await sleep(next(300))
          if (next(2)) victims = [live[next(live.length)]!]
        } else if (kind === 'one') victims = [live[next(live.length)]!]
        await kill(victims)
        live = live.filter((s) => !victims.includes(s))
        // The survivors go on until they have taken more money; then they wait for the checks.
        await progress(live, 1, `after ${victims.length} host(s) were killed in round ${round}`)
        const t = [Date.now()]
        await pause(live, `in round ${round}`)
        expectCodes(kind === 'server', `in round ${round} (${kind})`)
        t.push(Date.now())
        if (round < PG_ROUNDS - 1) topUp()
        await afterCrash(made, engine, acks, tally, `after round ${round} (${kind})`)
        t.push(Date.now())
        if (process.env.RACE_DEBUG)
          console.error(
            `round ${round} ${kind}: pause ${t[1]! - t[0]!} ms, checks ${t[2]! - t[1]!} ms, storm ${t[0]! - t0} ms`,
          )
      }
      await kill(live)
    } finally {
      rmSync(dirs, { recursive: true, force: true })
    }
    console.log(
      `money crash (PostgreSQL): ${PG_ROUNDS} rounds (${serverStops} server stops), ${started} host processes; ${acks.payments.size} payments, ${acks.refunds.size} refunds and ${acks.closes.size} closes acknowledged and found; ${tally.retried} pays, refunds and closes in doubt retried (${tally.stored} were stored)`,
      tally.seen,
      allCodes,
    )
    expect(serverStops * SERVER_EVERY).toBeGreaterThanOrEqual(PG_ROUNDS - SERVER_EVERY + 1)
    expect(acks.payments.size).toBeGreaterThan(PG_ROUNDS)
    expect(acks.refunds.size).toBeGreaterThan(0)
    expect(acks.closes.size).toBeGreaterThan(0)
  }, 600_000)
})
