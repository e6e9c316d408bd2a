import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { setImmediate } from 'node:timers/promises'
import { systemClock, type Clock } from '../db/clock'
import { selectEngine, type Engine } from '../db/engine'
import { openDatabase, type OpenedDatabase } from '../db/open'
import { ChangeFeed, pruneChangeFeed } from '../db/pg/change-feed'
import { SOLE_HOST, startPgLeader, type Leader } from '../db/pg/leader'
import { openPgDatabase, withoutPassword } from '../db/pg/open-pg'
import { PgWriter } from '../db/pg/writer-pg'
import type { Units } from '../db/units'
import { Writer } from '../db/write'
import { handlers } from '../services'
import { seedDemoClinic } from '../services/demo'
import { ExportJobs, sweepExportFolder } from '../services/exports/jobs'
import { createClient, type Client } from './client'
import { createDispatcher, type Dispatch } from './dispatcher'
import { startRevisions } from './change-epoch'
import { EventBus } from './event-bus'
import { SYSTEM_CALLERS } from './system-callers'

export interface HostOptions {
  /** Folder holding clinic.sqlite. */
  readonly dataDir: string
  readonly clock?: Clock
  /** Load the demo clinic into an empty database. */
  readonly demo?: boolean
  /** Back the database up at start and then once a day (the app does; tests' short-lived hosts do not). */
  readonly dailyBackup?: boolean
  /**
   * Who runs the clinic's once-only background work (the slot horizon, no-show marking): with
   * several hosts on one PostgreSQL database, the advisory-lock leader (db/pg/leader.ts). By
   * default this host alone, as on its SQLite file.
   */
  readonly leader?: Leader
  /** postgres://… to store into PostgreSQL; defaults to CLINIC_DATABASE_URL (db/engine.ts). */
  readonly databaseUrl?: string
}

/** The host without any transport: database, services, dispatcher and event bus. Electron and browser mode both wrap it. */
export interface Host {
  /** For transports: any method name and params, as they arrived. */
  readonly dispatch: Dispatch
  /** For the host's own callers: the same dispatcher, typed by the contract. */
  readonly client: Client
  readonly bus: EventBus
  /** On PostgreSQL, `sqlite` and `statements` throw: there is no SQLite connection. */
  readonly database: OpenedDatabase
  /** The write helper; its group sizes are what benchmarks and the crash test look at. */
  readonly writer: Units
  readonly file: string
  /** Where the clinic's data lives, for a person: the SQLite file, or the server's address without its password. */
  readonly storage: string
  /**
   * The start-up backup (dailyBackup), which runs in the background: the host answers calls, and
   * its transports listen, while it copies. Settles when it is done or was not due (never rejects).
   */
  readonly startupBackup: Promise<void>
  /**
   * The start's schedules.generate, also in the background: bands for a day that has just entered
   * the horizon appear (with slots.changed) a moment after the host answers. Never rejects.
   */
  readonly horizon: Promise<void>
  /** Waits for a backup under way, then closes the database. */
  close(): Promise<void>
}

export const DATABASE_FILE = 'clinic.sqlite'

/**
 * The host's database and writer on the engine CLINIC_DATABASE_URL (or the option) selects: the
 * SQLite file in the data folder by default, or a PostgreSQL server several hosts share.
 */
async function openStore(engine: Engine, file: string, clock: Clock): Promise<Store> {
  if (engine.kind === 'sqlite') {
    const database = openDatabase(file)
    const bus = new EventBus(startRevisions(database.sqlite, clock.now()))
    return { database, bus, writer: new Writer(database, bus, clock), feed: undefined }
  }
  const opened = await openPgDatabase(engine.url)
  // Several hosts share the database: revisions and events come from the shared log.
  const feed = await ChangeFeed.open(engine.url, { name: 'clinicdesk-host' })
  const noSqlite = (): never => {
    throw new Error('This host stores into PostgreSQL: it has no SQLite connection.')
  }
  const database: OpenedDatabase = {
    ...opened,
    get sqlite() {
      return noSqlite()
    },
    get statements() {
      return noSqlite()
    },
  }
  return {
    database,
    bus: feed.bus,
    writer: new PgWriter(opened.units.db, feed.bus, clock, feed),
    feed,
  }
}

interface Store {
  readonly database: OpenedDatabase
  readonly bus: EventBus
  readonly writer: Units
  readonly feed: ChangeFeed | undefined
}

/** How long the shared change log keeps a commit: a screen offline longer re-reads. */
const FEED_KEEP_MS = 24 * 60 * 60 * 1000

const HOST_CALLER = SYSTEM_CALLERS.host
const HORIZON_CHECK_MS = 60 * 60 * 1000
/** A backup is due when the newest is older than this: daily, give or take the hourly check. */
const BACKUP_AGE_MS = 23 * 60 * 60 * 1000

export async function createHost(options: HostOptions): Promise<Host> {
  const engine = selectEngine({
    CLINIC_DATABASE_URL: options.databaseUrl ?? process.env.CLINIC_DATABASE_URL,
  })
  mkdirSync(options.dataDir, { recursive: true })
  const file = join(options.dataDir, DATABASE_FILE)
  const clock = options.clock ?? systemClock
  const { database, bus, writer, feed } = await openStore(engine, file, clock)
  // Exports an earlier run left (a file never fetched, a crash mid-export): no job can reach them.
  const exportsFolder = join(options.dataDir, 'exports')
  sweepExportFolder(exportsFolder, clock.now())
  const exportJobs = new ExportJobs(clock, exportsFolder)
  const dispatch = createDispatcher(handlers, {
    read: database.read,
    snapshots: database.snapshots,
    reports: database.reports,
    exportJobs,
    writer,
    clock,
  })
  const client = createClient(dispatch)
  // Once-only work (the horizon, no-show marking, pruning the log) runs on one host at a time.
  const ownLeader =
    !options.leader && engine.kind === 'postgres' ? startPgLeader(engine.url) : undefined
  const leader = options.leader ?? ownLeader ?? SOLE_HOST
  if (options.demo) await seedDemoClinic(client)
  // The horizon is filled in the background too, a day per unit: calls go between the days, and
  // a host whose horizon is full (every restart within a day) reads once and writes nothing.
  // From the event loop's next turn: the transports listen first (the read before the first day
  // would otherwise run, all in microtasks, before a socket could connect).
  const horizon = setImmediate()
    .then(() => client.call(HOST_CALLER, 'schedules.generate', {}))
    .then((generated) => {
      if (!generated.ok) console.error('[host] generating slots failed:', generated.error.message)
    })
    .catch((error: unknown) => console.error('[host] generating slots failed:', error))
  let backup: Promise<void> | undefined
  /** One daily backup at a time; the copy runs off the host's connection (db/snapshots.ts). */
  const backupIfDue = (): Promise<void> =>
    (backup ??= (async () => {
      const list = await client.call(HOST_CALLER, 'backup.list', {})
      const newest = list.ok ? list.value.files[0] : undefined
      if (newest && clock.now().getTime() - Date.parse(newest.createdAt) < BACKUP_AGE_MS) return
      const made = await client.call(HOST_CALLER, 'backup.create', {})
      if (!made.ok) console.error('[host] the daily backup failed:', made.error.message)
    })().finally(() => (backup = undefined)))
  // Not awaited: copying a large database took seconds, and the host listened only after it.
  // On PostgreSQL backups are the database server's job (backup.list says how).
  const dailyBackup = options.dailyBackup === true && engine.kind === 'sqlite'
  const startupBackup = dailyBackup ? backupIfDue() : Promise.resolve()
  // A host left running for days keeps its horizon full as the days turn (hourly; nothing twice),
  // and its daily backup.
  const hourly = setInterval(() => {
    if (leader.isLeader()) void client.call(HOST_CALLER, 'schedules.generate', {})
    if (dailyBackup) void backupIfDue()
  }, HORIZON_CHECK_MS)
  hourly.unref()
  // Issue 14: phone bookings past their band start + grace become NO_SHOW (a no-op while off);
  // waitlist entries whose session has started are written EXPIRED, lapsed offers and expired
  // holds give their places to the line (a minute with nothing due writes nothing).
  const minutely = setInterval(() => {
    if (!leader.isLeader()) return
    void client.call(HOST_CALLER, 'policy.markNoShows', {})
    void client.call(HOST_CALLER, 'waitlist.sweep', {})
    if (feed)
      void pruneChangeFeed(database.units.db, clock.now(), FEED_KEEP_MS).catch((error: unknown) =>
        console.error('[host] pruning the change log failed:', error),
      )
  }, 60_000)
  minutely.unref()
  const close = async (): Promise<void> => {
    clearInterval(hourly)
    clearInterval(minutely)
    await horizon
    await backup
    await exportJobs.close()
    await ownLeader?.close()
    await feed?.close()
    await database.close()
  }
  const storage = engine.kind === 'sqlite' ? file : `PostgreSQL ${withoutPassword(engine.url)}`
  return { dispatch, client, bus, database, writer, file, storage, startupBackup, horizon, close }
}
