import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Caller } from '../../shared/roles'
import { systemClock, type Clock } from '../db/clock'
import { openDatabase, type OpenedDatabase } from '../db/open'
import { Writer } from '../db/write'
import { handlers } from '../services'
import { seedDemoClinic } from '../services/demo'
import { createDispatcher, type Dispatch } from './dispatcher'
import { EventBus } from './event-bus'

export interface HostOptions {
  /** Folder holding clinic.sqlite. */
  readonly dataDir: string
  readonly clock?: Clock
  /** Load the demo clinic into an empty database. */
  readonly demo?: boolean
}

/** The host without any transport: database, services, dispatcher and event bus. Electron and browser mode both wrap it. */
export interface Host {
  readonly dispatch: Dispatch
  readonly bus: EventBus
  readonly database: OpenedDatabase
  readonly file: string
  close(): Promise<void>
}

export const DATABASE_FILE = 'clinic.sqlite'

/** The host acting on its own (slot generation at start), as the audit log names it. */
const HOST_CALLER: Caller = { role: 'admin', label: 'host' }
const HORIZON_CHECK_MS = 60 * 60 * 1000

export async function createHost(options: HostOptions): Promise<Host> {
  mkdirSync(options.dataDir, { recursive: true })
  const file = join(options.dataDir, DATABASE_FILE)
  const database = openDatabase(file)
  const clock = options.clock ?? systemClock
  const bus = new EventBus()
  const writer = new Writer(database.db, bus, clock)
  const dispatch = createDispatcher(handlers, { read: database.db, writer, clock })
  if (options.demo) await seedDemoClinic(dispatch)
  // Bands exist for the whole horizon from the start; schedules.generate creates nothing twice.
  const generated = await dispatch(HOST_CALLER, 'schedules.generate', {})
  if (!generated.ok) console.error('[host] generating slots failed:', generated.error.message)
  // A host left running for days keeps its horizon full as the days turn (hourly; nothing twice).
  const keepHorizon = setInterval(() => void dispatch(HOST_CALLER, 'schedules.generate', {}), HORIZON_CHECK_MS)
  keepHorizon.unref()
  const close = (): Promise<void> => {
    clearInterval(keepHorizon)
    return database.close()
  }
  return { dispatch, bus, database, file, close }
}
