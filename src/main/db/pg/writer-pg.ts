import { AsyncLocalStorage } from 'node:async_hooks'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { EventName } from '../../../shared/contract'
import type { Caller } from '../../../shared/roles'
import type { EventBus, Missed } from '../../host/event-bus'
import type { ChangeFeed } from './change-feed'
import { linkAuditPg, newLane, type AuditContent, type AuditLane } from '../audit-chain'
import type { Clock } from '../clock'
import { SeamError } from '../connection-gate'
import type { GroupSizes } from '../group-commit'
import type { DB } from '../schema'
import type { Units } from '../units'
import type { ReadDb, SyncWork, WriteContext } from '../write'
import { withRetry } from './retry'

interface Queued {
  readonly event: EventName
  readonly payload: unknown
}

/** A buffered audit row; its id, when the unit drew one itself (AuditEntry.id). */
type PendingAudit = Omit<AuditContent, 'id'> & { readonly id?: number }

/** The unit whose transaction is open in this async context: nested units join it as SAVEPOINTs. */
interface OpenUnit {
  readonly tx: Transaction<DB>
  readonly queued: Queued[]
  readonly audits: PendingAudit[]
  readonly depth: number
  open: boolean
  busy: boolean
}

const NO_GROUPS: GroupSizes = new Map()

/**
 * PostgreSQL's unit of work, behind the same Units interface as SQLite's Writer (db/write.ts):
 * BEGIN (READ COMMITTED) → work → audit rows → COMMIT → publish, on the writable pool. Units of
 * this host and of others run side by side and meet on row locks; a serialization failure or a
 * deadlock reruns the whole unit (db/pg/retry.ts), with its events and audit rows of the failed
 * attempt thrown away. Services get the same WriteContext; `statements` (SQLite's prepared
 * statements) does not exist here, and the booking path awaits its steps instead (db/steps.ts).
 *
 * Audit rows are buffered by `audit()` and inserted just before COMMIT, linked along one of this
 * host's lanes (db/audit-chain.ts): a lane serves one unit at a time, so no unit, here or on
 * another host, waits on another's audit head.
 */
/** The two calls PgWriter makes of the cross-host change feed (db/pg/change-feed.ts). */
export type Feed = Pick<ChangeFeed, 'record' | 'committed'>

export class PgWriter implements Units {
  readonly engine = 'postgres'
  readonly #db: Kysely<DB>
  readonly #bus: EventBus
  readonly #clock: Clock
  readonly #open = new AsyncLocalStorage<OpenUnit>()
  /** Lanes no unit is using; a unit takes one for its audit rows and gives it back after COMMIT. */
  readonly #lanes: AuditLane[] = []

  /** Where commits' events go across hosts (change-feed.ts); without it, to this host's bus alone. */
  readonly #feed: Feed | undefined

  constructor(db: Kysely<DB>, bus: EventBus, clock: Clock, feed?: Feed) {
    this.#db = db
    this.#bus = bus
    this.#clock = clock
    this.#feed = feed
  }

  async run<T>(actor: Caller, action: string, work: (w: WriteContext) => Promise<T>): Promise<T> {
    const outer = this.#joinable()
    if (outer) return this.#nested(outer, actor, action, work)
    const { value, queued, xid } = await withRetry(() => this.#attempt(actor, action, work))
    // With a feed, every host's bus (this one's too) gets the events by reading the shared log.
    if (!this.#feed) this.#bus.publishBatch(queued)
    else if (xid !== undefined) await this.#feed.committed(xid)
    return value
  }

  async #attempt<T>(
    actor: Caller,
    action: string,
    work: (w: WriteContext) => Promise<T>,
  ): Promise<{ value: T; queued: Queued[]; xid: number | undefined }> {
    const queued: Queued[] = []
    const audits: PendingAudit[] = []
    // The lane is taken before the work, so an audit id the work draws itself (AuditEntry.id)
    // comes after every id of the lane's earlier units, which committed before it was free.
    const lane = this.#lanes.pop() ?? newLane()
    /** Set once the unit's audit rows were sent: from then on the lane's head is uncertain. */
    let sent = false
    let after: AuditLane | undefined
    /** The transaction's id in the change feed, when it recorded events there. */
    let xid: number | undefined
    try {
      const value = await this.#db.transaction().execute(async (tx) => {
        const open: OpenUnit = { tx, queued, audits, depth: 0, open: true, busy: false }
        const unit = this.#unit(actor, action, open)
        try {
          const result = await this.#open.run(open, () => work(unit.context))
          const linked = await linkAuditPg(tx, lane, audits)
          sent = linked.rows.length > 0
          // The last statement: the audit rows and the commit's events into the shared log, in
          // this transaction and one round trip (change-feed.ts record).
          if (this.#feed)
            xid = await this.#feed.record(tx, queued, this.#clock.now().toISOString(), linked.rows)
          else if (sent) await tx.insertInto('audit_log').values(linked.rows).execute()
          after = linked.after
          return result
        } finally {
          open.open = false
          unit.close()
        }
      })
      // Committed: the lane goes on from its new head.
      this.#lanes.push(Object.assign(lane, after))
      return { value, queued, xid }
    } catch (error) {
      // Rolled back, or the COMMIT's outcome is unknown (a cut connection): if rows were linked
      // along the lane, its head is uncertain, so the lane ends here (a fresh one starts at
      // GENESIS). A lane whose rows were never sent is still good.
      if (!sent) this.#lanes.push(lane)
      throw error
    }
  }

  /** SQLite's synchronous units have no PostgreSQL counterpart: callers await steps instead. */
  async runSync<T>(_actor: Caller, action: string, _work: SyncWork<T>): Promise<T> {
    throw new SeamError(`${action}: PostgreSQL has no synchronous units; await ctx.write instead.`)
  }

  openRead(): ReadDb | undefined {
    const tx = this.#joinable()?.tx
    if (!tx) return undefined
    return {
      engine: 'postgres',
      selectFrom: tx.selectFrom.bind(tx),
      with: (name, expression) => tx.with(name, expression),
      fn: tx.fn,
      executeQuery: (query) => tx.executeQuery(query),
    }
  }

  since(rev: number): Missed {
    return this.#bus.since(rev)
  }

  get groupSizes(): GroupSizes {
    return NO_GROUPS
  }

  #joinable(): OpenUnit | undefined {
    const unit = this.#open.getStore()
    return unit?.open ? unit : undefined
  }

  /** SAVEPOINT → work → RELEASE, or ROLLBACK TO it (and its audit rows and events dropped). */
  async #nested<T>(
    outer: OpenUnit,
    actor: Caller,
    action: string,
    work: (unit: WriteContext) => Promise<T>,
  ): Promise<T> {
    if (outer.busy) throw new SeamError(`${action}: nested writes in one unit run one at a time`)
    outer.busy = true
    const savepoint = sql.raw(`unit_${outer.depth + 1}`)
    const inner: OpenUnit = {
      tx: outer.tx,
      queued: [],
      audits: [],
      depth: outer.depth + 1,
      open: true,
      busy: false,
    }
    const unit = this.#unit(actor, action, inner)
    await sql`SAVEPOINT ${savepoint}`.execute(outer.tx)
    try {
      const value = await this.#open.run(inner, () => work(unit.context))
      await sql`RELEASE SAVEPOINT ${savepoint}`.execute(outer.tx)
      outer.queued.push(...inner.queued)
      outer.audits.push(...inner.audits)
      return value
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT ${savepoint}`.execute(outer.tx)
      await sql`RELEASE SAVEPOINT ${savepoint}`.execute(outer.tx)
      throw error
    } finally {
      inner.open = false
      outer.busy = false
      unit.close()
    }
  }

  /** The unit's context; closed when its transaction ends, as on SQLite (db/write.ts #unit). */
  #unit(actor: Caller, action: string, open: OpenUnit): { context: WriteContext; close(): void } {
    const now = this.#clock.now().toISOString()
    let live = true
    const check = (): void => {
      if (!live) throw new SeamError(`${action}: its unit of work is over; this ran after it.`)
    }
    const context: WriteContext = {
      get statements(): never {
        throw new SeamError(
          `${action}: PostgreSQL units have no prepared statements; use w.tx (or db/steps.ts).`,
        )
      },
      get tx() {
        check()
        return open.tx
      },
      now,
      audit: (entry) => {
        check()
        open.audits.push({
          ...(entry.id === undefined ? {} : { id: entry.id }),
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
        check()
        open.queued.push({ event, payload })
      },
    }
    return { context, close: () => void (live = false) }
  }
}
