import type { MethodName, MethodParsed, MethodResult } from '../../shared/contract'
import type { Caller } from '../../shared/roles'
import type { Clock } from '../db/clock'
import type { Client } from '../host/client'
import type { Connection } from '../host/connection'
import type { Missed } from '../host/event-bus'
import type { Snapshots } from '../db/snapshots'
import type { ReportReader } from '../db/report-reader'
import type { ReadDb, SyncWork, WriteContext } from '../db/write'
import type { ExportJobs } from './exports/jobs'
import type { EngineKind } from '../db/units'

/** What a handler gets besides its validated input. */
export interface ServiceContext {
  readonly caller: Caller
  /** The window or socket the call came on; absent for host-internal calls. Only auth services use it. */
  readonly connection?: Connection
  readonly method: MethodName
  readonly read: ReadDb
  /** Copies of the whole database file: the backup service's, and only it needs one. */
  readonly snapshots: Snapshots
  /** Reads for reports, on a connection and a thread of their own (db/report-reader.ts). */
  readonly reports: ReportReader
  /** The host's export jobs (services/exports/jobs.ts): the exports service's, and only it. */
  readonly exportJobs: ExportJobs
  readonly clock: Clock
  /** Which engine the host stores into: the booking path and backups differ by it, nothing else should. */
  readonly engine: EngineKind
  /** Runs work in one BEGIN IMMEDIATE transaction, audited as this method by this caller. */
  write<T>(work: (w: WriteContext) => Promise<T>): Promise<T>
  /** The same for work whose AppError leaves nothing changed: on PostgreSQL it may share a transaction with others (Units.runGrouped). */
  writeGrouped<T>(work: (w: WriteContext) => Promise<T>, order?: number): Promise<T>
  /** The same for work that is synchronous (a booking): no asynchronous executor between its statements. */
  writeSync<T>(work: SyncWork<T>): Promise<T>
  /** The events this host published after a revision, as far as it remembers them (sync.since). */
  changesSince(rev: number): Missed
  /**
   * The same dispatcher, for a handler that composes other methods (setup.init loads the demo
   * clinic): each call is validated and authorized for the caller it names, and one made inside
   * this handler's write joins that transaction (db/write.ts), so all of it commits or none.
   */
  readonly client: Client
}

export type Handler<M extends MethodName> = (
  input: MethodParsed<M>,
  ctx: ServiceContext,
) => Promise<MethodResult<M>>

/** Handlers for a feature's slice of the contract: every method of the slice, and only those. */
export type HandlersFor<T> = { [M in keyof T & MethodName]: Handler<M> }

export type Handlers = HandlersFor<Record<MethodName, unknown>>
