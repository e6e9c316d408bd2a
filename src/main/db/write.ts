import type { Transaction } from 'kysely'
import type { EventName, EventPayload } from '../../shared/contract'
import type { Caller } from '../../shared/roles'
import type { EventBus, Missed } from '../host/event-bus'
import { appendAudit } from './audit-chain'
import type { Clock } from './clock'
import { SeamError } from './connection-gate'
import type { UnitHandle } from './handles'
import type { OpenedDatabase } from './open'
import type { DB } from './schema'
import type { CachedStatements } from './statement-cache'

export type { ReadDb } from './read'

export interface AuditEntry {
  readonly entity: string
  readonly entityId: number | null
  readonly before?: unknown
  readonly after?: unknown
}

/**
 * What a unit of work inside a write transaction may do, synchronously: run SQL on the unit's
 * own connection (db/compiled.ts `…In`), append audit rows, queue events.
 */
export interface UnitContext {
  /** The connection's prepared statements: the unit holds the connection, so they see and join its transaction. */
  readonly statements: CachedStatements
  /** The instant of this write, as a UTC ISO string. */
  readonly now: string
  /** Appends an audit row in this same transaction. */
  audit(entry: AuditEntry): void
  /** Queues an event; it is published, and gets its revision, only after COMMIT. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

/**
 * A unit of work that may also await kysely queries on its transaction. It has no read handle:
 * the unit holds the one connection, so a read through the host's read handle from inside it is
 * refused at once (db/connection-gate.ts); `tx` reads, and sees the unit's own writes.
 */
export interface WriteContext extends UnitContext {
  readonly tx: Transaction<DB>
}

/**
 * The work of runSync: it must finish before runSync returns. An async function would run its
 * first statements inside the transaction and the rest after COMMIT, outside it, unaudited; its
 * promise is a type error here (`Type 'Promise<…>' is not assignable to type 'never'`), and
 * refused at run time too.
 */
export type SyncWork<T> = (w: UnitContext) => T extends PromiseLike<unknown> ? never : T

interface Queued {
  readonly event: EventName
  readonly payload: unknown
}

/**
 * The only way to write. BEGIN IMMEDIATE → work → audit rows → COMMIT → publish. Anything thrown
 * inside rolls the whole unit back and publishes nothing.
 */
export class Writer {
  readonly #units: UnitHandle
  readonly #sqlite: OpenedDatabase['sqlite']
  readonly #statements: CachedStatements
  readonly #bus: EventBus
  readonly #clock: Clock

  constructor(
    database: Pick<OpenedDatabase, 'units' | 'sqlite' | 'statements'>,
    bus: EventBus,
    clock: Clock,
  ) {
    this.#units = database.units
    this.#sqlite = database.sqlite
    this.#statements = database.statements
    this.#bus = bus
    this.#clock = clock
  }

  /** A unit that awaits kysely queries: BEGIN IMMEDIATE through the writable handle (db/handles.ts). */
  async run<T>(actor: Caller, action: string, work: (w: WriteContext) => Promise<T>): Promise<T> {
    const queued: Queued[] = []
    const value = await this.#units.db.transaction().execute(async (tx) => {
      const unit = this.#unit(actor, action, queued, tx)
      try {
        return await this.#units.within(action, () => work(unit.context))
      } finally {
        unit.close()
      }
    })
    this.#publish(queued)
    return value
  }

  /**
   * A unit whose work is synchronous (a booking): it waits for the connection like any query, then
   * runs BEGIN IMMEDIATE, the work and COMMIT in one go, without kysely's asynchronous executor
   * between its statements. Same guarantees as run(): the lock, the audit, rollback on a throw.
   */
  async runSync<T>(actor: Caller, action: string, work: SyncWork<T>): Promise<T> {
    const queued: Queued[] = []
    const value = await this.#units.db.connection().execute(async () => {
      // Holding kysely's only connection: no other query can run until this returns.
      this.#statements.prepare('BEGIN IMMEDIATE').run()
      const unit = this.#unit(actor, action, queued)
      try {
        const result: unknown = work(unit.context)
        if (isThenable(result)) {
          void Promise.resolve(result).catch(() => {})
          throw new SeamError(`${action}: runSync got async work; it runs synchronous work only.`)
        }
        this.#statements.prepare('COMMIT').run()
        return result as T
      } catch (error) {
        // SQLite may have rolled back by itself already (e.g. on SQLITE_FULL).
        if (this.#sqlite.inTransaction) this.#statements.prepare('ROLLBACK').run()
        throw error
      } finally {
        unit.close()
      }
    })
    this.#publish(queued)
    return value
  }

  /** What a screen reconnecting to this host missed since a revision (sync.since). */
  since(rev: number): Missed {
    return this.#bus.since(rev)
  }

  /**
   * A unit's context, and the way to close it when its transaction ends: what a unit leaves
   * behind (the rest of an async function runSync did not wait for, a callback) then fails
   * instead of running outside the transaction. The check is one boolean per statement.
   */
  #unit(
    actor: Caller,
    action: string,
    queued: Queued[],
    tx?: Transaction<DB>,
  ): { context: WriteContext; close(): void } {
    const now = this.#clock.now().toISOString()
    const statements = this.#statements
    let open = true
    const live = (): void => {
      if (!open) throw new SeamError(`${action}: its unit of work is over; this ran after it.`)
    }
    const unit: WriteContext = {
      get statements() {
        live()
        return statements
      },
      get tx() {
        live()
        if (!tx) throw new SeamError(`${action}: a runSync unit has no tx.`)
        return tx
      },
      now,
      audit: (entry) => {
        // Linked into the hash chain (db/audit-chain.ts); the table refuses UPDATE and DELETE.
        appendAudit(unit, {
          at: now,
          actor: actor.label,
          staff_id: actor.staffId ?? null,
          action,
          entity: entry.entity,
          entity_id: entry.entityId,
          before: entry.before === undefined ? null : JSON.stringify(entry.before),
          after: entry.after === undefined ? null : JSON.stringify(entry.after),
        })
      },
      emit: (event, payload) => {
        live()
        queued.push({ event, payload })
      },
    }
    return { context: unit, close: () => void (open = false) }
  }

  #publish(queued: readonly Queued[]): void {
    for (const { event, payload } of queued) this.#bus.publish(event, payload)
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}
