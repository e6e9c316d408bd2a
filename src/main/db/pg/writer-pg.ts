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
import { AppError } from '../../../shared/errors'

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

/** The most units one grouped transaction runs (as SQLite's group commit, db/group-commit.ts). */
const MAX_GROUP = 64

/** One unit's work and who it is for. */
interface Item {
  readonly actor: Caller
  readonly action: string
  readonly work: (w: WriteContext) => Promise<unknown>
}
/** A grouped unit waiting for its group, and its caller. */
interface Waiting extends Item {
  readonly order: number
  readonly resolve: (value: unknown) => void
  readonly reject: (error: unknown) => void
}
type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: AppError }
interface Attempt {
  readonly outcomes: readonly Outcome[]
  readonly queued: readonly Queued[]
  readonly xid: number | undefined
}

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
  /** Grouped units waiting for the next group (runGrouped), and whether a group is on its way. */
  readonly #waiting: Waiting[] = []
  /** How many units each grouped transaction carried (size → transactions), as SQLite's. */
  readonly #sizes = new Map<number, number>()
  #draining = false

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
    const item: Item = { actor, action, work }
    const { outcomes, queued, xid } = await withRetry(() => this.#attempt([item], false))
    await this.#published(queued, xid)
    return (outcomes[0] as { value: T }).value
  }

  /**
   * A unit whose work, when it throws an AppError, has changed nothing (a booking's refusal):
   * units of this host waiting at the same moment share one transaction, the PostgreSQL side of
   * SQLite's group commit (db/group-commit.ts). One group at a time per host: while it runs, new
   * ones wait and form the next, so under load a booking's BEGIN, audit + feed statement, COMMIT,
   * feed read, NOTIFY and the frame to every screen are paid once per group, not per booking.
   *
   * - Units run in `order` (a booking's band id), their WriteContext.atGroupEnd parts after all of
   *   them in key order: bands, then counters, each in one order on every host, so groups of two
   *   hosts meet on row locks without a deadlock.
   * - A unit's AppError fails that caller only; the group goes on (its work changed nothing).
   * - Any other error ends the group's transaction with nothing written, and every unit of it runs
   *   again alone (its own transaction, retries and errors), unless the COMMIT itself failed: then
   *   the outcome is unknown and every caller gets that error, as a unit alone would.
   * - Nobody is answered before the COMMIT; events go out in unit order, of committed units only.
   */
  runGrouped<T>(
    actor: Caller,
    action: string,
    work: (w: WriteContext) => Promise<T>,
    order = 0,
  ): Promise<T> {
    if (this.#joinable()) return this.run(actor, action, work)
    return new Promise<T>((resolve, reject) => {
      const waiting = {
        actor,
        action,
        work,
        order,
        resolve: resolve as (v: unknown) => void,
        reject,
      }
      this.#waiting.push(waiting)
      if (this.#draining) return
      this.#draining = true
      // At the end of this turn, so that requests read from other sockets in it join the group.
      setImmediate(() => void this.#drain())
    })
  }

  async #drain(): Promise<void> {
    try {
      while (this.#waiting.length > 0) {
        const group = this.#waiting.splice(0, MAX_GROUP).sort((a, b) => a.order - b.order)
        await this.#commitGroup(group)
      }
    } finally {
      this.#draining = false
    }
  }

  /** Runs one group to its COMMIT; its callers are answered once the feed has its events. */
  async #commitGroup(group: readonly Waiting[]): Promise<void> {
    const alone = group.length === 1
    this.#sizes.set(group.length, (this.#sizes.get(group.length) ?? 0) + 1)
    const phase = { committing: false }
    let done: Attempt
    try {
      done = alone
        ? await withRetry(() => this.#attempt(group, false))
        : await this.#attempt(group, true, phase)
    } catch (error) {
      if (alone || phase.committing) for (const u of group) u.reject(error)
      else for (const u of group) this.run(u.actor, u.action, u.work).then(u.resolve, u.reject)
      return
    }
    void this.#published(done.queued, done.xid).then(
      () =>
        group.forEach((u, i) => {
          const o = done.outcomes[i]!
          if (o.ok) u.resolve(o.value)
          else u.reject(o.error)
        }),
      (error: unknown) => group.forEach((u) => u.reject(error)),
    )
  }

  /** Events of a committed transaction to every host's bus (the feed), or to this one's alone. */
  async #published(queued: readonly Queued[], xid: number | undefined): Promise<void> {
    // With a feed, every host's bus (this one's too) gets the events by reading the shared log.
    if (!this.#feed) this.#bus.publishBatch(queued)
    else if (xid !== undefined) await this.#feed.committed(xid)
  }

  /**
   * One transaction running `items` one after another. With `refusalsKeepGoing` (a group), an
   * item's AppError is its outcome and the next item runs; otherwise every throw rolls back.
   * `phase.committing` is set once only the COMMIT is left: an error after it leaves the outcome unknown.
   */
  async #attempt(
    items: readonly Item[],
    refusalsKeepGoing: boolean,
    phase = { committing: false },
  ): Promise<Attempt> {
    const queued: Queued[] = []
    const audits: PendingAudit[] = []
    const outcomes: Outcome[] = []
    // The lane is taken before the work, so an audit id the work draws itself (AuditEntry.id)
    // comes after every id of the lane's earlier units, which committed before it was free.
    const lane = this.#lanes.pop() ?? newLane()
    /** Set once the unit's audit rows were sent: from then on the lane's head is uncertain. */
    let sent = false
    let after: AuditLane | undefined
    /** The transaction's id in the change feed, when it recorded events there. */
    let xid: number | undefined
    try {
      await this.#db.transaction().execute(async (tx) => {
        const units = items.map((item) => this.#groupUnit(tx, item, refusalsKeepGoing))
        try {
          // First parts one after another; a unit that asks for atGroupEnd counts as done here.
          for (const u of units) {
            const early = await u.started
            if (early && !early.ok && !(refusalsKeepGoing && early.error instanceof AppError))
              throw early.error
          }
          const ends = units
            .flatMap((u) => u.ends)
            .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
          for (const end of ends) await end.run()
          for (const u of units) {
            const outcome = await u.outcome
            if (!outcome.ok && !(refusalsKeepGoing && outcome.error instanceof AppError))
              throw outcome.error
            outcomes.push(outcome as Outcome)
            if (!outcome.ok) continue
            queued.push(...u.open.queued)
            audits.push(...u.open.audits)
          }
        } finally {
          for (const u of units) u.close()
        }
        // A refusal that swallowed an SQL error would leave the transaction aborted, and its
        // COMMIT would roll back without a word: asked here, it says so, and the group runs again.
        if (outcomes.some((o) => !o.ok) && outcomes.some((o) => o.ok))
          await sql`SELECT 1`.execute(tx)
        const linked = await linkAuditPg(tx, lane, audits)
        sent = linked.rows.length > 0
        // The last statement: the audit rows and the commit's events into the shared log, in
        // this transaction and one round trip (change-feed.ts record).
        if (this.#feed)
          xid = await this.#feed.record(tx, queued, this.#clock.now().toISOString(), linked.rows)
        else if (sent) await tx.insertInto('audit_log').values(linked.rows).execute()
        after = linked.after
        phase.committing = true
      })
      // Committed: the lane goes on from its new head.
      this.#lanes.push(Object.assign(lane, after))
      return { outcomes, queued, xid }
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
    return this.#sizes
  }

  #joinable(): OpenUnit | undefined {
    const unit = this.#open.getStore()
    return unit?.open ? unit : undefined
  }

  /**
   * One unit of #attempt, started lazily: `started` settles when its work is done, failed or
   * waiting for its atGroupEnd part (in a group only); `ends` are those parts, `outcome` its end.
   */
  #groupUnit(tx: Transaction<DB>, item: Item, grouped: boolean) {
    const open: OpenUnit = { tx, queued: [], audits: [], depth: 0, open: true, busy: false }
    const ends: { key: string; run: () => Promise<void> }[] = []
    let parked!: () => void
    const waiting = new Promise<void>((resolve) => (parked = resolve))
    const atGroupEnd = <T>(key: string, finish: () => Promise<T>): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        ends.push({ key, run: () => finish().then(resolve, reject) })
        parked()
      })
    const unit = this.#unit(item.actor, item.action, open, grouped ? atGroupEnd : undefined)
    let outcome: Promise<Outcome | { ok: false; error: unknown }> | undefined
    const start = () =>
      (outcome ??= this.#open
        .run(open, () => item.work(unit.context))
        .then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        ))
    return {
      open,
      ends,
      get started() {
        return Promise.race([start(), waiting])
      },
      get outcome() {
        return start()
      },
      close() {
        open.open = false
        unit.close()
      },
    }
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
  #unit(
    actor: Caller,
    action: string,
    open: OpenUnit,
    atGroupEnd?: WriteContext['atGroupEnd'],
  ): { context: WriteContext; close(): void } {
    const now = this.#clock.now().toISOString()
    let live = true
    const check = (): void => {
      if (!live) throw new SeamError(`${action}: its unit of work is over; this ran after it.`)
    }
    const context: WriteContext = {
      ...(atGroupEnd ? { atGroupEnd } : {}),
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
