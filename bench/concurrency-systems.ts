// The two hosts bench:concurrency drives with the same clients: ClinicDesk (the real host in
// browser mode, its own process) and the original design (a node-postgres backend, its own
// process, on a throw-away PostgreSQL cluster). Each run starts from the same prepared clinic.
import Database from 'better-sqlite3'
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { DATABASE_FILE } from '../src/main/host/create-host'
import { connectClient, type BenchClient } from './concurrency-clients'
import { DESK, type Band, type Clinic } from './concurrency-clinic'
import { startIpcChild } from './ipc-child'
import { ORIGINAL_SCHEMA } from './original-design'
import type { PgCluster } from './pg-cluster'

export interface Checked {
  readonly rows: number
  /** Bookings that share a doctor-day's queue number with an earlier one. */
  readonly duplicates: number
  /** Live bookings beyond their band's quota, summed over bands. */
  readonly overbooked: number
}
export interface Running {
  readonly clients: BenchClient[]
  /** CPU ms used so far: by the host process, and by the database server when it is another. */
  cpu(): Promise<{ host: number; db: number; groups?: ReadonlyMap<number, number> }>
  check(bands: readonly Band[]): Promise<Checked>
  stop(): Promise<void>
}
export interface System {
  readonly name: string
  start(clients: number): Promise<Running>
}

export const tally = (
  perSlot: { slot: number; n: number }[],
  distinct: number,
  bands: readonly Band[],
): Checked => {
  const quota = new Map(bands.map((b) => [b.slotId, b.quota]))
  const rows = perSlot.reduce((s, r) => s + r.n, 0)
  const overbooked = perSlot.reduce((s, r) => s + Math.max(0, r.n - (quota.get(r.slot) ?? 0)), 0)
  return { rows, duplicates: rows - distinct, overbooked }
}
// Same SQL on both engines; only the slot column's name differs.
export const perSlotSql = (slot: string, list: string) =>
  `SELECT ${slot} AS slot, count(*) AS n FROM appointments WHERE ${slot} IN (${list}) AND status <> 'CANCELED' GROUP BY ${slot}`
export const distinctSql = (slot: string, list: string) =>
  `SELECT count(DISTINCT doctor_id || '/' || date || '/' || queue_no) AS d FROM appointments WHERE ${slot} IN (${list})`
export const ids = (bands: readonly Band[]) => bands.map((b) => Number(b.slotId)).join(',')

/** ClinicDesk: bundled host file, and the folder its clinic was prepared in. */
export function clinicDesk(hostFile: string, preparedDir: string): System {
  return {
    name: 'ClinicDesk',
    start: async (n) => {
      const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-conc-'))
      for (const f of readdirSync(preparedDir))
        if (f.startsWith(DATABASE_FILE)) copyFileSync(join(preparedDir, f), join(dir, f))
      // BENCH_CPU_PROF=folder: a V8 CPU profile of each ClinicDesk host, to see where its CPU goes.
      const profile = process.env.BENCH_CPU_PROF
      const child = startIpcChild(
        hostFile,
        ['serve', dir],
        profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
      )
      const { url } = await child.next<{ url: string }>('ready')
      const clients = await Promise.all(Array.from({ length: n }, () => connectClient(url)))
      const signedIn = await Promise.all(
        clients.map((c) => c.call('auth.login', { username: DESK.username, secret: DESK.secret })),
      )
      for (const r of signedIn) if (!r.result) throw new Error(`sign-in: ${r.error?.message}`)
      const file = join(dir, DATABASE_FILE)
      return {
        clients,
        cpu: async () => {
          const reply = await child.next<{ ms: number; groups: [number, number][] }>('cpu', {
            type: 'cpu',
          })
          return { host: reply.ms, db: 0, groups: new Map(reply.groups) }
        },
        check: async (bands) => {
          const db = new Database(file, { readonly: true })
          try {
            const perSlot = db.prepare(perSlotSql('slot_id', ids(bands))).all() as {
              slot: number
              n: number
            }[]
            const { d } = db.prepare(distinctSql('slot_id', ids(bands))).get() as { d: number }
            return tally(perSlot, d, bands)
          } finally {
            db.close()
          }
        },
        stop: async () => {
          for (const c of clients) c.close()
          await child.stop()
          rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  }
}

/** Loads the prepared clinic's patients and bands into a template database of the cluster. */
export async function loadOriginal(cluster: PgCluster, clinic: Clinic): Promise<void> {
  const admin = new pg.Client(cluster.url('postgres'))
  await admin.connect()
  await admin.query('CREATE DATABASE clinic_template')
  await admin.end()
  const db = new pg.Client(cluster.url('clinic_template'))
  await db.connect()
  try {
    await db.query(ORIGINAL_SCHEMA)
    await db.query('INSERT INTO patients (id, name) SELECT id, $2 FROM unnest($1::int[]) AS id', [
      clinic.patients,
      '患者',
    ])
    const bands = [clinic.hot5, clinic.hot100, ...clinic.uncontended, clinic.warm].flat()
    await db.query(
      `INSERT INTO doctor_schedules (id, doctor_id, date, start_time, end_time, status, quota)
       SELECT id, doctor, day::date, s, e, 'AVAILABLE', q
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[]) AS t(id, doctor, day, s, e, q)`,
      [
        bands.map((b) => b.slotId),
        bands.map((b) => b.doctorId),
        bands.map((b) => b.date),
        bands.map((b) => b.startTime),
        bands.map((b) => b.endTime),
        bands.map((b) => b.quota),
      ],
    )
    await db.query('VACUUM ANALYZE')
  } finally {
    await db.end()
  }
}

/** The original design: bundled server file, on a cluster loaded by loadOriginal. */
export function originalDesign(serverFile: string, cluster: PgCluster): System {
  let runs = 0
  return {
    name: 'original (PostgreSQL)',
    start: async (n) => {
      const database = `run_${++runs}`
      const admin = new pg.Client(cluster.url('postgres'))
      await admin.connect()
      await admin.query(`CREATE DATABASE ${database} TEMPLATE clinic_template`)
      await admin.end()
      const child = startIpcChild(serverFile, [cluster.url(database), String(n)])
      const { url } = await child.next<{ url: string }>('ready')
      const clients = await Promise.all(Array.from({ length: n }, () => connectClient(url)))
      return {
        clients,
        cpu: async () => ({
          host: (await child.next<{ ms: number }>('cpu', { type: 'cpu' })).ms,
          db: cluster.cpuMs(),
        }),
        check: async (bands) => {
          const db = new pg.Client(cluster.url(database))
          await db.connect()
          try {
            const perSlot = (await db.query(perSlotSql('schedule_id', ids(bands)))).rows.map(
              (r: { slot: number; n: string }) => ({ slot: r.slot, n: Number(r.n) }),
            )
            const { d } = (await db.query(distinctSql('schedule_id', ids(bands)))).rows[0] as {
              d: string
            }
            return tally(perSlot, Number(d), bands)
          } finally {
            await db.end()
          }
        },
        stop: async () => {
          for (const c of clients) c.close()
          await child.stop()
        },
      }
    },
  }
}
