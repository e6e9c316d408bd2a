import { AsyncLocalStorage } from 'node:async_hooks'
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

/** The unit of work whose transaction is open in this async context (see Writer.run's nesting). */
interface OpenUnit {
  readonly tx: Transaction<DB>
  /** Where events go: the outermost unit publishes them all after its COMMIT. */
  readonly queued: Queued[]
  readonly depth: number
  /** Cleared when the unit ends: a timer started inside it must not join a finished transaction. */
  open: boolean
  /** A nested unit is running: savepoints nest, they do not interleave. */
  busy: boolean
}

/**
 * The only way to write. BEGIN IMMEDIATE → work → audit rows → COMMIT → publish. Anything thrown
 * inside rolls the whole unit back and publishes nothing.
 *
 * A unit started while another unit's work is running in the same async context (setup.init
 * loading the demo clinic through the dispatcher) joins that transaction as a SAVEPOINT: its own
 * failure rolls back only its own work, and everything commits, or not, with the outermost unit.
 */
export class Writer {
  readonly #db: Kysely<DB>
  readonly #sqlite: OpenedDatabase['sqlite']
  readonly #statements: CachedStatements
  readonly #bus: EventBus
  readonly #clock: Clock
  readonly #open = new AsyncLocalStorage<OpenUnit>()

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
    const outer = this.#joinable()
    if (outer) return this.#nested(outer, actor, action, (unit, tx) => work({ ...unit, tx }))
    const queued: Queued[] = []
    const unit = this.#unit(actor, action, queued)
    const value = await this.#db.transaction().execute((tx) => {
      const open: OpenUnit = { tx, queued, depth: 0, open: true, busy: false }
      return this.#open.run(open, () => work({ ...unit, tx })).finally(() => (open.open = false))
    })
    this.#publish(queued)
    return value
  }

  /**
   * The transaction a unit opened in this async context, while its work runs: reads made there
   * must use it (the connection is the transaction's until COMMIT), and see its uncommitted rows.
   */
  openTransaction(): Transaction<DB> | undefined {
    return this.#joinable()?.tx
  }

  /**
   * A unit whose work is synchronous (a booking): it waits for the connection like any query, then
   * runs BEGIN IMMEDIATE, the work and COMMIT in one go, without kysely's asynchronous executor
   * between its statements. Same guarantees as run(): the lock, the audit, rollback on a throw.
   */
  async runSync<T>(actor: Caller, action: string, work: (w: UnitContext) => T): Promise<T> {
    const outer = this.#joinable()
    if (outer) return this.#nested(outer, actor, action, async (unit) => work(unit))
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

  #joinable(): OpenUnit | undefined {
    const unit = this.#open.getStore()
    return unit?.open ? unit : undefined
  }

  /** A unit inside an open one: SAVEPOINT → work → RELEASE, or ROLLBACK TO it on a throw. */
  async #nested<T>(
    outer: OpenUnit,
    actor: Caller,
    action: string,
    work: (unit: UnitContext, tx: Transaction<DB>) => Promise<T>,
  ): Promise<T> {
    if (outer.busy) throw new Error(`${action}: nested writes in one unit run one at a time`)
    outer.busy = true
    const savepoint = `unit_${outer.depth + 1}`
    const queued: Queued[] = []
    const inner: OpenUnit = {
      tx: outer.tx,
      queued,
      depth: outer.depth + 1,
      open: true,
      busy: false,
    }
    this.#statements.prepare(`SAVEPOINT ${savepoint}`).run()
    try {
      const value = await this.#open.run(inner, () =>
        work(this.#unit(actor, action, queued), outer.tx),
      )
      this.#statements.prepare(`RELEASE ${savepoint}`).run()
      outer.queued.push(...queued)
      return value
    } catch (error) {
      // ROLLBACK TO keeps the savepoint open; RELEASE closes it. SQLite may have ended the whole transaction already.
      if (this.#sqlite.inTransaction) {
        this.#statements.prepare(`ROLLBACK TO ${savepoint}`).run()
        this.#statements.prepare(`RELEASE ${savepoint}`).run()
      }
      throw error
    } finally {
      inner.open = false
      outer.busy = false
    }
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
