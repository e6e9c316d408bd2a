// Issue 15 part 6: 4 host processes × 8 sockets on one PostgreSQL database over a few hot bands.
// Booked never above quota and equal to the live count, queue numbers unique, every acknowledged
// booking present once, and a retry with the same idempotency key through another host answers
// the first booking, not a second one.
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { BenchClient } from '../../bench/concurrency-clients'
import type { Clinic } from '../../bench/concurrency-clinic'
import { startPgCluster, type PgCluster } from '../../bench/pg-cluster'
import { clinicDeskOnPg, prepareOnPg } from '../../bench/pg-hosts'
import { pgSkipReason } from '../helpers/pg-cluster'
import { bundleWorker } from './bundle-worker'

const HOSTS = 4
const SOCKETS_PER_HOST = 8

describe.skipIf(pgSkipReason !== undefined)(
  `many hosts on one PostgreSQL${pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''}`,
  () => {
    let cluster: PgCluster
    let hostFile: string
    let clinic: Clinic
    beforeAll(async () => {
      hostFile = await bundleWorker('bench/concurrency-host.ts')
      cluster = await startPgCluster()
      clinic = await prepareOnPg(hostFile, cluster, 400)
    }, 120_000)
    afterAll(() => {
      cluster?.stop()
      if (hostFile) rmSync(dirname(hostFile), { recursive: true, force: true })
    })

    test(`${HOSTS} hosts × ${SOCKETS_PER_HOST} sockets sell 20 bands × quota 5: exactly 100 booked, none twice`, async () => {
      const system = clinicDeskOnPg(hostFile, cluster, HOSTS)
      const running = await system.start(HOSTS * SOCKETS_PER_HOST)
      const bands = clinic.hot5
      const full = new Set<number>()
      const acknowledged: { key: string; id: number; slotId: number; client: number }[] = []
      const refused: Record<string, number> = {}
      let calls = 0
      let seed = 7
      const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
      const book = (client: BenchClient, slotId: number, patientId: number, key: string) =>
        client.call('appointments.book', { slotId, patientId, idempotencyKey: key })
      try {
        await Promise.all(
          running.clients.map(async (client, c) => {
            for (;;) {
              const open = bands.filter((b) => !full.has(b.slotId))
              if (open.length === 0) return
              const band = open[Math.floor(next() * open.length)]!
              const k = calls++
              const key = `pg-race-${String(k).padStart(6, '0')}`
              const reply = await book(client, band.slotId, clinic.patients[k]!, key)
              const result = reply.result as { id: number } | undefined
              if (result) acknowledged.push({ key, id: result.id, slotId: band.slotId, client: c })
              else {
                const code = reply.error?.data?.code ?? reply.error?.message ?? 'unknown'
                refused[code] = (refused[code] ?? 0) + 1
                if (code !== 'SLOT_TAKEN') console.error(code, JSON.stringify(reply.error))
                if (code === 'SLOT_TAKEN') full.add(band.slotId)
              }
            }
          }),
        )
        // Only "this band is full": no deadlock, no serialization failure reached a desk.
        expect(Object.keys(refused)).toEqual(['SLOT_TAKEN'])
        expect(acknowledged).toHaveLength(100)

        // The same keys again, each through a socket on the next host: the first answers come back.
        const again = await Promise.all(
          acknowledged.map(async (a, i) => {
            const other = running.clients[(a.client + SOCKETS_PER_HOST) % running.clients.length]!
            const patient = clinic.patients[Number(a.key.slice(8))]!
            return { first: a.id, retried: (await book(other, a.slotId, patient, a.key)).result, i }
          }),
        )
        for (const { first, retried } of again) expect(retried).toMatchObject({ id: first })

        expect(await running.check(bands)).toEqual({ rows: 100, duplicates: 0, overbooked: 0 })
        const db = new pg.Client(system.url())
        await db.connect()
        try {
          const rows = await db.query<{ id: string; slot_id: string; idempotency_key: string }>(
            'SELECT id, slot_id, idempotency_key FROM appointments WHERE slot_id = ANY($1::bigint[])',
            [bands.map((b) => b.slotId)],
          )
          const stored = rows.rows.map((r) => `${r.idempotency_key}→${r.id}@${r.slot_id}`).sort()
          expect(stored).toEqual(acknowledged.map((a) => `${a.key}→${a.id}@${a.slotId}`).sort())
          const counters = await db.query<{ id: string; booked: string; quota: string; n: string }>(
            `SELECT s.id, s.booked, s.quota,
                    (SELECT count(*) FROM appointments a WHERE a.slot_id = s.id AND a.status <> 'CANCELED') AS n
             FROM doctor_schedules s WHERE s.id = ANY($1::bigint[])`,
            [bands.map((b) => b.slotId)],
          )
          for (const s of counters.rows) {
            expect(Number(s.booked)).toBe(Number(s.n))
            expect(Number(s.booked)).toBe(Number(s.quota))
          }
        } finally {
          await db.end()
        }
      } finally {
        await running.stop()
      }
    }, 180_000)

    test('the same new submission through 8 sockets on 2 hosts at once: booked once, every answer that booking', async () => {
      const system = clinicDeskOnPg(hostFile, cluster, 2)
      const running = await system.start(8)
      try {
        const bands = clinic.hot100.slice(0, 10)
        const rounds = await Promise.all(
          bands.map(async (band, i) => {
            const key = `pg-same-${String(i).padStart(4, '0')}`
            const patientId = clinic.patients.at(-1 - i)!
            const replies = await Promise.all(
              running.clients.map((c) =>
                c.call('appointments.book', {
                  slotId: band.slotId,
                  patientId,
                  idempotencyKey: key,
                }),
              ),
            )
            return { key, replies }
          }),
        )
        for (const { replies } of rounds) {
          for (const r of replies) expect(r.error).toBeUndefined()
          const ids = new Set(replies.map((r) => (r.result as { id: number }).id))
          expect(ids.size).toBe(1)
        }
        const db = new pg.Client(system.url())
        await db.connect()
        try {
          const rows = await db.query<{ idempotency_key: string; n: string }>(
            `SELECT idempotency_key, count(*) AS n FROM appointments
              WHERE idempotency_key LIKE 'pg-same-%' GROUP BY idempotency_key`,
          )
          expect(rows.rows.map((r) => Number(r.n))).toEqual(bands.map(() => 1))
          const booked = await db.query<{ booked: string }>(
            'SELECT booked FROM doctor_schedules WHERE id = ANY($1::bigint[])',
            [bands.map((b) => b.slotId)],
          )
          expect(booked.rows.map((r) => Number(r.booked))).toEqual(bands.map(() => 1))
          const audit = await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM audit_log WHERE action = 'appointments.book'`,
          )
          expect(Number(audit.rows[0]!.n)).toBe(bands.length)
        } finally {
          await db.end()
        }
      } finally {
        await running.stop()
      }
    }, 180_000)
  },
)
