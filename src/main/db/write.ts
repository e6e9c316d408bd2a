import type { Kysely, Transaction } from 'kysely'
import type { EventName, EventPayload } from '../../shared/contract'
import type { Caller } from '../../shared/roles'
import type { EventBus, Missed } from '../host/event-bus'
import { appendAudit } from './audit-chain'
import type { Clock } from './clock'
import type { OpenedDatabase } from './open'
import type { DB } from './schema'
import type { CachedStatements } from './statement-cache'

/** A handle that can only read: what services get outside the write helper. */
export type ReadDb = Pick<Kysely<DB>, 'selectFrom' | 'with' | 'fn' | 'executeQuery'>

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

/** A unit of work that may also await kysely queries on its transaction. */
export interface WriteContext extends UnitContext {
  readonly tx: Transaction<DB>
}

interface Queued {
  readonly event: EventName
  readonly payload: unknown
}

/**
 * The only way to write. BEGIN IMMEDIATE → work → audit rows → COMMIT → publish. Anything thrown
 * inside rolls the whole unit back and publishes nothing.
 */
export class Writer {
  readonly #db: Kysely<DB>
  readonly #sqlite: OpenedDatabase['sqlite']
  readonly #statements: CachedStatements
  readonly #bus: EventBus
  readonly #clock: Clock

  constructor(
    database: Pick<OpenedDatabase, 'db' | 'sqlite' | 'statements'>,
    bus: EventBus,
    clock: Clock,
  ) {
    this.#db = database.db
    this.#sqlite = database.sqlite
    this.#statements = database.statements
    this.#bus = bus
    this.#clock = clock
  }

  /** A unit that awaits kysely queries: BEGIN IMMEDIATE through the dialect (db/immediate-dialect.ts). */
  async run<T>(actor: Caller, action: string, work: (w: WriteContext) => Promise<T>): Promise<T> {
    const queued: Queued[] = []
    const unit = this.#unit(actor, action, queued)
    const value = await this.#db.transaction().execute((tx) => work({ ...unit, tx }))
    this.#publish(queued)
    return value
  }

  /**
   * A unit whose work is synchronous (a booking): it waits for the connection like any query, then
   * runs BEGIN IMMEDIATE, the work and COMMIT in one go, without kysely's asynchronous executor
   * between its statements. Same guarantees as run(): the lock, the audit, rollback on a throw.
   */
  async runSync<T>(actor: Caller, action: string, work: (w: UnitContext) => T): Promise<T> {
    const queued: Queued[] = []
    const value = await this.#db.connection().execute(async () => {
      // Holding kysely's only connection: no other query can run until this returns.
      this.#statements.prepare('BEGIN IMMEDIATE').run()
      try {
        const result = work(this.#unit(actor, action, queued))
        this.#statements.prepare('COMMIT').run()
        return result
      } catch (error) {
        // SQLite may have rolled back by itself already (e.g. on SQLITE_FULL).
        if (this.#sqlite.inTransaction) this.#statements.prepare('ROLLBACK').run()
        throw error
      }
    })
    this.#publish(queued)
    return value
  }

  /** What a screen reconnecting to this host missed since a revision (sync.since). */
  since(rev: number): Missed {
    return this.#bus.since(rev)
  }

  #unit(actor: Caller, action: string, queued: Queued[]): UnitContext {
    const now = this.#clock.now().toISOString()
    const unit: UnitContext = {
      statements: this.#statements,
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
      emit: (event, payload) => void queued.push({ event, payload }),
    }
    return unit
  }

  #publish(queued: readonly Queued[]): void {
    for (const { event, payload } of queued) this.#bus.publish(event, payload)
  }
}
