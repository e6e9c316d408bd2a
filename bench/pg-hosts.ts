// ClinicDesk on PostgreSQL as bench:pg and the multi-host race test drive it: K host processes
// (bench/concurrency-host.ts, each in browser mode) on one database, the clients dealt round the
// hosts. Each run gets a fresh database copied from the prepared clinic (CREATE DATABASE … TEMPLATE).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { connectClient } from './concurrency-clients'
import { DESK, type Clinic } from './concurrency-clinic'
import { distinctSql, ids, perSlotSql, tally, type System } from './concurrency-systems'
import { startIpcChild, type IpcChild } from './ipc-child'
import type { PgCluster } from './pg-cluster'

const PREPARED = 'clinicdesk_prepared'

const onServer = async (cluster: PgCluster, statement: string): Promise<void> => {
  const admin = new pg.Client(cluster.url('postgres'))
  await admin.connect()
  try {
    await admin.query(statement)
  } finally {
    await admin.end()
  }
}

/** Sets the clinic up once, through one host on its own database, for every run to copy. */
export async function prepareOnPg(
  hostFile: string,
  cluster: PgCluster,
  patients: number,
): Promise<Clinic> {
  await onServer(cluster, `CREATE DATABASE ${PREPARED}`)
  const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-pg-prepare-'))
  const child = startIpcChild(hostFile, ['prepare', dir, String(patients)], [], {
    CLINIC_DATABASE_URL: cluster.url(PREPARED),
  })
  try {
    return (await child.next<{ clinic: Clinic }>('prepared')).clinic
  } finally {
    await child.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface PgHosts {
  /** The running hosts' processes, in the order clients were dealt to them (client i → host i mod K). */
  readonly hosts: readonly IpcChild[]
  /** The database of the current run. */
  readonly url: () => string
}

/**
 * BENCH_HOST_PROFILE=<folder>: each host writes a V8 CPU profile of its whole life there
 * (node --cpu-prof; open in DevTools, or bench/cpu-profile's topFrames).
 */
const profileOptions = (): string[] => {
  const dir = process.env.BENCH_HOST_PROFILE
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200'] : []
}

/** ClinicDesk with `hostCount` hosts on one PostgreSQL database (prepareOnPg first). */
export function clinicDeskOnPg(
  hostFile: string,
  cluster: PgCluster,
  hostCount: number,
): System & PgHosts {
  let runs = 0
  let database = ''
  const hosts: IpcChild[] = []
  return {
    name: `ClinicDesk PG × ${hostCount}`,
    hosts,
    url: () => cluster.url(database),
    start: async (n) => {
      database = `clinicdesk_run_${hostCount}_${++runs}`
      await onServer(cluster, `CREATE DATABASE ${database} TEMPLATE ${PREPARED}`)
      const dirs = Array.from({ length: hostCount }, () =>
        mkdtempSync(join(tmpdir(), 'clinicdesk-pg-host-')),
      )
      hosts.splice(0, hosts.length)
      for (const dir of dirs)
        hosts.push(
          startIpcChild(hostFile, ['serve', dir], profileOptions(), {
            CLINIC_DATABASE_URL: cluster.url(database),
          }),
        )
      const urls = await Promise.all(
        hosts.map(async (h) => (await h.next<{ url: string }>('ready')).url),
      )
      const clients = await Promise.all(
        Array.from({ length: n }, (_, i) => connectClient(urls[i % urls.length]!)),
      )
      const signedIn = await Promise.all(
        clients.map((c) => c.call('auth.login', { username: DESK.username, secret: DESK.secret })),
      )
      for (const r of signedIn) if (!r.result) throw new Error(`sign-in: ${r.error?.message}`)
      return {
        clients,
        cpu: async () => {
          let host = 0
          // Every host's grouped transactions together (Units.runGrouped): units per COMMIT.
          const groups = new Map<number, number>()
          for (const h of hosts) {
            const reply = await h.next<{ ms: number; groups: [number, number][] }>('cpu', {
              type: 'cpu',
            })
            host += reply.ms
            for (const [size, n] of reply.groups) groups.set(size, (groups.get(size) ?? 0) + n)
          }
          return { host, db: cluster.cpuMs(), groups }
        },
        check: async (bands) => {
          const db = new pg.Client(cluster.url(database))
          await db.connect()
          try {
            const perSlot = (await db.query(perSlotSql('slot_id', ids(bands)))).rows.map(
              (r: { slot: number; n: string }) => ({ slot: Number(r.slot), n: Number(r.n) }),
            )
            const { d } = (await db.query(distinctSql('slot_id', ids(bands)))).rows[0] as {
              d: string
            }
            return tally(perSlot, Number(d), bands)
          } finally {
            await db.end()
          }
        },
        stop: async () => {
          for (const c of clients) c.close()
          await Promise.all(hosts.map((h) => h.stop()))
          for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  }
}
