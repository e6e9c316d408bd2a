import { AsyncLocalStorage } from 'node:async_hooks'
import type { Transaction } from 'kysely'
import type { EventName, EventPayload } from '../../shared/contract'
import type { Caller } from '../../shared/roles'
import type { EventBus, Missed } from '../host/event-bus'
import { appendAudit } from './audit-chain'
import type { Clock } from './clock'
import { SeamError } from './connection-gate'
import { GroupCommit, type GroupSizes } from './group-commit'
import type { UnitHandle } from './handles'
import type { OpenedDatabase } from './open'
import type { DB } from './schema'
import type { CachedStatements } from './statement-cache'
import type { Units } from './units'

import type { ReadDb } from './read'
export type { ReadDb } from './read'

export interface AuditEntry {
  /**
   * PostgreSQL only: an id the unit drew itself from audit_log's sequence in one of its own
   * statements (the booking's, services/appointments/book-pg.ts), so linking the row costs no
   * statement of its own (db/audit-chain.ts linkAuditPg). SQLite numbers its rows itself.
   */
  readonly id?: number
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
  /**
   * Only in a unit of a PostgreSQL group (Units.runGrouped): runs `finish` once every unit of the
   * group has done its first part, the group's finishes in `key` order. A booking takes its band
   * first and its doctor-day's queue counter here, so every host locks bands before counters,
   * each kind in one order, and two hosts' groups cannot deadlock. Absent: call `finish` now.
   */
  readonly atGroupEnd?: <T>(key: string, finish: () => Promise<T>) => Promise<T>
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
export class Writer implements Units {
  readonly engine = 'sqlite'
  readonly #units: UnitHandle
  readonly #sqlite: OpenedDatabase['sqlite']
  readonly #statements: CachedStatements
  readonly #bus: EventBus
  readonly #clock: Clock
  readonly #open = new AsyncLocalStorage<OpenUnit>()
  readonly #groups: GroupCommit<Queued>

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
    this.#groups = new GroupCommit<Queued>({
      sqlite: database.sqlite,
      statements: database.statements,
      // Holding kysely's only connection: no other query can run until the group is done.
      hold: (drain) =>
        this.#units.hold
          ? this.#units.hold(drain)
          : this.#units.db.connection().execute(async () => drain()),
      publish: (events) => this.#publish(events),
    })
  }

  /** A unit that awaits kysely queries: BEGIN IMMEDIATE through the writable handle (db/handles.ts). */
  async run<T>(actor: Caller, action: string, work: (w: WriteContext) => Promise<T>): Promise<T> {
    const outer = this.#joinable()
    if (outer) return this.#nested(outer, actor, action, work)
    const queued: Queued[] = []
    const value = await this.#units.db.transaction().execute(async (tx) => {
      const unit = this.#unit(actor, action, queued, tx)
      const open: OpenUnit = { tx, queued, depth: 0, open: true, busy: false }
      try {
        return await this.#units.within(action, () =>
          this.#open.run(open, () => work(unit.context)),
        )
      } finally {
        open.open = false
        unit.close()
      }
    })
    this.#publish(queued)
    return value
  }

  /**
   * A read view of the transaction a unit opened in this async context, while its work runs:
   * reads made there must use it (the connection is the transaction's until COMMIT; the host's
   * read handle refuses them), and see its uncommitted rows.
   */
  openRead(): ReadDb | undefined {
    const tx = this.#joinable()?.tx
    if (!tx) return undefined
    return {
      selectFrom: tx.selectFrom.bind(tx),
      with: (name, expression) => tx.with(name, expression),
      fn: tx.fn,
      executeQuery: (query) => tx.executeQuery(query),
    }
  }

  /** SQLite's grouped units are its synchronous ones (runSync); an asynchronous one runs alone. */
  runGrouped<T>(
    actor: Caller,
    action: string,
    work: (w: WriteContext) => Promise<T>,
    _order?: number,
  ): Promise<T> {
    return this.run(actor, action, work)
  }

  /**
   * A unit whose work is synchronous (a booking): it waits for the connection like any query, then
   * runs BEGIN IMMEDIATE, the work and COMMIT in one go, without kysely's asynchronous executor
   * between its statements. Same guarantees as run(): the lock, the audit, rollback on a throw.
   * Units that wait for the connection together commit together, each in its own savepoint
   * (db/group-commit.ts): the same rows, audit chain, answers and events, one fsync.
   */
  async runSync<T>(actor: Caller, action: string, work: SyncWork<T>): Promise<T> {
    const outer = this.#joinable()
    if (outer)
      return this.#nested(outer, actor, action, async (unit) => syncOnly(action, work(unit)))
    return this.#groups.submit(() => {
      // Runs inside the group's transaction, when this unit's turn comes: its clock reading too.
      const queued: Queued[] = []
      const unit = this.#unit(actor, action, queued)
      try {
        return { value: syncOnly(action, work(unit.context)), events: queued }
      } finally {
        unit.close()
      }
    }) as Promise<T>
  }

  /** How many units each COMMIT of runSync carried so far (size → commits), for benchmarks and tests. */
  get groupSizes(): GroupSizes {
    return this.#groups.sizes
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
    work: (unit: WriteContext) => Promise<T>,
  ): Promise<T> {
    if (outer.busy) throw new SeamError(`${action}: nested writes in one unit run one at a time`)
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
    const unit = this.#unit(actor, action, queued, outer.tx)
    this.#statements.prepare(`SAVEPOINT ${savepoint}`).run()
    try {
      const value = await this.#open.run(inner, () => work(unit.context))
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
      unit.close()
    }
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
    // One call per commit: the transports push a commit's events to each screen as one frame.
    this.#bus.publishBatch(queued)
  }
}

/** runSync's result, refused when the work was async after all (forced past SyncWork's type). */
function syncOnly<T>(action: string, result: T): T {
  if (isThenable(result)) {
    void Promise.resolve(result).catch(() => {})
    throw new SeamError(`${action}: runSync got async work; it runs synchronous work only.`)
  }
  return result
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  )
}
