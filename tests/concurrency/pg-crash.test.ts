// Issue 15 part 6: the crash test on PostgreSQL. 2–4 host processes (pg-crash-storm.ts) on one
// database, their desks booking, cancelling and checking in; each round SIGKILLs one or all hosts
// at a random moment, and every third round stops the server with `pg_ctl stop -m immediate`
// mid-storm and starts it again on the same data folder: the hosts must ride that out (reconnect
// and go on booking), and the next round's hosts start on a database that has just recovered.
// After each round: every acknowledged booking present exactly once under its key, acknowledged
// cancels stay cancelled, nothing half-written, booked ≤ quota, queue numbers unique, audit.verify
// ok, and a retry of each key left in doubt books once or answers the stored booking.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, describe, expect, test } from 'vitest'
import { createHost } from '../../src/main/host/create-host'
import { makeClinic } from '../helpers/booking-fixture'
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster'
import { ADMIN, RECEPTION, useDatabases } from '../helpers/test-host'
import { bundleWorker } from './bundle-worker'

const ROUNDS = Number(process.env.PG_CRASH_ROUNDS ?? 21)
/** Every how many rounds the server itself is stopped mid-storm (≥ a third of them by default). */
const SERVER_EVERY = Number(process.env.PG_CRASH_SERVER_EVERY ?? 3)
const DATES = ['2026-11-30', '2026-12-01', '2026-12-02']

interface Storm {
  readonly child: ChildProcess
  /** Lines of acknowledged writes (B, C, I) it printed so far. */
  acks: number
  /** Resolves once its output has closed (every line written before the kill is read). */
  readonly closed: Promise<void>
  readonly ready: Promise<void>
}

describe.skipIf(pgSkipReason !== undefined)(
  `crash test on PostgreSQL${pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''}`,
  () => {
    let cluster: PgCluster | undefined
    let bundle: string | undefined
    const dirs: string[] = []
    const storms: Storm[] = []
    afterAll(() => {
      for (const s of storms) if (s.child.exitCode === null) s.child.kill('SIGKILL')
      useDatabases(undefined)
      cluster?.stop()
      if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
      for (const d of dirs) rmSync(d, { recursive: true, force: true })
    })

    test(`${ROUNDS} rounds of kill -9 on 2–4 hosts, every ${SERVER_EVERY}rd with pg_ctl stop -m immediate mid-storm: no acknowledged booking lost, nothing half-written, the audit chain verifies`, async () => {
      const server = (cluster = await startPgCluster())
      useDatabases(() => server.database())
      const clinic = await makeClinic({
        doctors: 3,
        patients: 60,
        quota: 6,
        walkIn: 0,
        weekdays: [1, 2, 3],
      })
      const { host, patientIds, clock } = clinic
      const url = host.databaseUrl!
      await host.must(ADMIN, 'settings.update', { onePerDoctorPerDay: false })
      const slotIds: number[] = []
      for (const doctorId of clinic.doctorIds)
        for (const date of DATES)
          slotIds.push(
            ...(await host.must(RECEPTION, 'slots.forDoctorDay', { doctorId, date })).map(
              (s) => s.id,
            ),
          )
      await host.dispose()
      const file = (bundle = await bundleWorker('tests/concurrency/pg-crash-storm.ts'))

      const tried = new Map<string, { slotId: number; patientId: number }>()
      const acked = new Map<string, number>()
      const refusedKeys = new Map<string, string>()
      const canceled = new Set<number>()
      const refusals: Record<string, number> = {}
      const checkedInIds = new Set<number>()
      /** Host h of `of` gets every of-th acknowledged booking still live, to cancel or check in. */
      const liveShare = (h: number, of: number): string =>
        [...acked.values()]
          .filter((id) => !canceled.has(id))
          .filter((_, i) => i % of === h)
          .join(',')
      const start = (tag: string, seed: number, live: string): Storm => {
        const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-pg-crash-'))
        dirs.push(dir)
        const args = [dir, clock.now().toISOString(), slotIds.join(','), patientIds.join(',')]
        const child = spawn(process.execPath, [file, ...args, String(seed), tag, live], {
          env: { ...process.env, CLINIC_DATABASE_URL: url },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        // The host's warnings while the server is away ([pg] / [feed] …) are expected: keep quiet.
        child.stderr!.on('data', (d: Buffer) => {
          if (process.env.RACE_DEBUG) process.stderr.write(d)
        })
        const lines = createInterface({ input: child.stdout! })
        let onReady: () => void = () => {}
        const storm: Storm = {
          child,
          acks: 0,
          ready: new Promise<void>((resolve, reject) => {
            onReady = resolve
            child.on('exit', (code) =>
              reject(new Error(`host ${tag} exited (${code}) before it was ready`)),
            )
          }),
          closed: new Promise<void>((resolve) => lines.on('close', resolve)),
        }
        lines.on('line', (line) => {
          const [kind, a, b, c] = line.split(' ')
          if (kind === 'ready') onReady()
          else if (kind === 'T') tried.set(a!, { slotId: Number(b), patientId: Number(c) })
          else if (kind === 'B') acked.set(a!, Number(b))
          else if (kind === 'C') canceled.add(Number(a))
          else if (kind === 'I') checkedInIds.add(Number(a))
          else if (kind === 'E') {
            refusals[a!] = (refusals[a!] ?? 0) + 1
            if (b) refusedKeys.set(b, a!)
          }
          if (kind === 'B' || kind === 'C' || kind === 'I') storm.acks++
        })
        storms.push(storm)
        return storm
      }
      /** Until every storm has acknowledged `more` writes beyond what it had (or fails the test). */
      const progress = async (list: Storm[], more: number, what: string): Promise<void> => {
        const goal = list.map((s) => s.acks + more)
        for (let waited = 0; list.some((s, i) => s.acks < goal[i]!); waited += 10) {
          for (const s of list)
            expect(s.child.exitCode, `a host exited by itself ${what}`).toBeNull()
          expect(waited, `hosts made no progress ${what}`).toBeLessThan(60_000)
          await sleep(10)
        }
      }
      const kill = async (list: Storm[]): Promise<void> => {
        for (const s of list) s.child.kill('SIGKILL')
        await Promise.all(list.map((s) => s.closed))
      }

      let seed = 23
      const next = (n: number): number => (seed = (seed * 48271) % 2147483647) % n
      let serverStops = 0
      let retried = 0
      let retriedStored = 0
      for (let round = 0; round < ROUNDS; round++) {
        const count = 2 + next(3)
        const round_ = Array.from({ length: count }, (_, h) =>
          start(`pgc-r${round}-h${h}`, 1 + next(1_000_000), liveShare(h, count)),
        )
        await Promise.all(round_.map((s) => s.ready))
        await progress(round_, 1, `in round ${round}`)
        await sleep(50 + next(600))
        const kind = round % SERVER_EVERY === SERVER_EVERY - 1 ? 'server' : next(2) ? 'one' : 'all'
        if (kind === 'server') {
          // Mid-storm the server dies without a checkpoint; it comes back on the same data folder.
          server.crash()
          serverStops++
          await sleep(100 + next(400))
          server.start()
          // The hosts rode it out: each books, cancels or checks in again before it is killed.
          await progress(round_, 2, `after the server came back in round ${round}`)
          await sleep(next(300))
          await kill(round_)
        } else if (kind === 'one') {
          const victim = round_[next(count)]!
          await kill([victim])
          const rest = round_.filter((s) => s !== victim)
          await progress(rest, 1, `after one host was killed in round ${round}`)
          await kill(rest)
        } else await kill(round_)

        // A host of its own for the checks: it starts on the database as the crash left it.
        const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-pg-crash-check-'))
        dirs.push(dir)
        const checker = await createHost({ dataDir: dir, clock, databaseUrl: url })
        const db = new pg.Client(url)
        await db.connect()
        try {
          const check = async (when: string): Promise<void> => {
            const keys = [...acked.keys()]
            const stored = await db.query<{ idempotency_key: string; id: string; n: string }>(
              `SELECT idempotency_key, min(id) AS id, count(*) AS n FROM appointments
               WHERE idempotency_key = ANY($1::text[]) GROUP BY 1`,
              [keys],
            )
            const byKey = new Map(stored.rows.map((r) => [r.idempotency_key, r]))
            for (const [key, id] of acked) {
              const row = byKey.get(key)
              expect(row, `acknowledged booking ${key} ${when}`).toBeDefined()
              expect([Number(row!.id), Number(row!.n)], `booking ${key} ${when}`).toEqual([id, 1])
            }
            const notCanceled = await db.query<{ id: string }>(
              `SELECT id FROM appointments WHERE id = ANY($1::bigint[]) AND status <> 'CANCELED'`,
              [[...canceled]],
            )
            expect(notCanceled.rows, `acknowledged cancels ${when}`).toEqual([])
            const notCheckedIn = await db.query<{ id: string }>(
              `SELECT id FROM appointments WHERE id = ANY($1::bigint[]) AND checked_in_at IS NULL`,
              [[...checkedInIds]],
            )
            expect(notCheckedIn.rows, `acknowledged check-ins ${when}`).toEqual([])
            // Whole transactions or nothing.
            const noAudit = await db.query(
              `SELECT a.id FROM appointments a WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'appointment' AND l.entity_id = a.id)`,
            )
            expect(noAudit.rows, `appointments without an audit row ${when}`).toEqual([])
            const counters = await db.query(
              `SELECT s.id, s.booked, s.quota FROM doctor_schedules s
               WHERE s.booked <> (SELECT count(*) FROM appointments a WHERE a.slot_id = s.id AND a.status <> 'CANCELED')
                  OR s.booked > s.quota`,
            )
            expect(counters.rows, `bands whose counter is off ${when}`).toEqual([])
            const queue = await db.query(
              'SELECT doctor_id, date, queue_no FROM appointments GROUP BY 1, 2, 3 HAVING count(*) > 1',
            )
            expect(queue.rows, `queue numbers given twice ${when}`).toEqual([])
            expect(
              await checker.client.must(ADMIN, 'audit.verify', {}),
              `audit chain ${when}`,
            ).toMatchObject({ ok: true, firstBrokenId: null })
          }
          await check(`after round ${round} (${kind})`)

          // Keys left in doubt (no answer, or refused by a server that was away): a retry books
          // once, or answers the booking the lost answer was about.
          const doubt = [...tried.keys()].filter(
            (k) =>
              k.startsWith(`pgc-r${round}-`) &&
              !acked.has(k) &&
              refusedKeys.get(k) !== 'SLOT_TAKEN',
          )
          for (const key of doubt.slice(0, 40)) {
            const before = await db.query<{ id: string }>(
              'SELECT id FROM appointments WHERE idempotency_key = $1',
              [key],
            )
            const r = await checker.client.call(RECEPTION, 'appointments.book', {
              ...tried.get(key)!,
              idempotencyKey: key,
            })
            retried++
            if (before.rows[0]) {
              retriedStored++
              expect(r.ok && r.value.id, `retry of stored ${key}`).toBe(Number(before.rows[0].id))
            }
            if (r.ok) acked.set(key, r.value.id)
            else expect(r.error.code, `retry of ${key}: ${r.error.message}`).toBe('SLOT_TAKEN')
          }
          await check(`after the retries of round ${round}`)
        } finally {
          await db.end()
          await checker.close()
        }
      }
      console.log(
        `pg-crash: ${ROUNDS} rounds (${serverStops} server stops), ${acked.size} acknowledged bookings, ${canceled.size} cancels, ${checkedInIds.size} check-ins all found; ${retried} keys retried (${retriedStored} were stored); refusals ${JSON.stringify(refusals)}`,
      )
      expect(serverStops * 3).toBeGreaterThanOrEqual(ROUNDS)
      expect(acked.size).toBeGreaterThan(ROUNDS)
    }, 600_000)
  },
)
