import type { Caller } from '../../shared/roles'
import type { Missed } from '../host/event-bus'
import type { GroupSizes } from './group-commit'
import type { ReadDb } from './read'
import type { SyncWork, WriteContext } from './write'

/** Which engine a host's units of work run on (db/engine.ts chooses). */
export type EngineKind = 'sqlite' | 'postgres'

/**
 * What the dispatcher and the host need of a writer; both engines' writers implement it
 * (db/write.ts on SQLite, db/pg/writer-pg.ts on PostgreSQL), and services see only WriteContext.
 */
export interface Units {
  readonly engine: EngineKind
  /** One unit of work: one transaction, its audit rows in it, its events after COMMIT. */
  run<T>(actor: Caller, action: string, work: (w: WriteContext) => Promise<T>): Promise<T>
  /**
   * A unit whose work, when it throws an AppError, has changed nothing: PostgreSQL runs units
   * waiting at once in one transaction (group commit, WriteContext.atGroupEnd); SQLite runs it
   * as `run` (its booking has runSync's group commit).
   */
  runGrouped<T>(
    actor: Caller,
    action: string,
    work: (w: WriteContext) => Promise<T>,
    /** Where the unit runs in its group (a booking's band id): every host locks in one order. */
    order?: number,
  ): Promise<T>
  /** A synchronous unit (SQLite's booking path); PostgreSQL has none and refuses it. */
  runSync<T>(actor: Caller, action: string, work: SyncWork<T>): Promise<T>
  /** A read view of the unit open in this async context, if any (see Writer.openRead). */
  openRead(): ReadDb | undefined
  /** What a screen reconnecting to this host missed since a revision (sync.since). */
  since(rev: number): Missed
  /** How many units each COMMIT carried (runSync's on SQLite, runGrouped's on PostgreSQL). */
  readonly groupSizes: GroupSizes
}
