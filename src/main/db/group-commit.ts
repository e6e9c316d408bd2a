import type { Database } from 'better-sqlite3'
import type { CachedStatements } from './statement-cache'

/** What a unit's work left for after COMMIT: its result, and what to publish if it committed. */
export interface Done<E> {
  readonly value: unknown
  readonly events: readonly E[]
}

/** A synchronous unit waiting for the connection: its work (run inside the group's transaction) and its caller. */
interface Waiting<E> {
  readonly work: () => Done<E>
  readonly resolve: (value: unknown) => void
  readonly reject: (error: unknown) => void
}

type Outcome<E> =
  { readonly ok: true; readonly done: Done<E> } | { readonly ok: false; readonly error: unknown }

export interface GroupCommitOptions<E> {
  readonly sqlite: Pick<Database, 'inTransaction'>
  readonly statements: CachedStatements
  /** Runs `drain` while holding the host's one connection (the connection gate, db/handles.ts). */
  readonly hold: <T>(drain: () => T) => Promise<T>
  /** Called once per COMMIT with the committed units' events, in unit order. */
  readonly publish: (events: readonly E[]) => void
}

/** How many units each COMMIT carried, since the host started: size → number of commits. */
export type GroupSizes = ReadonlyMap<number, number>

/**
 * The most units one transaction runs: the first of them waits for all the others' work before
 * COMMIT, so a burst (a script, a reconnect storm) is cut into groups a desk does not notice
 * (~0.1 ms of work per booking: under 10 ms). The rest wait for the next group.
 */
export const MAX_GROUP = 64

/** One name for every unit's savepoint: a group's units run one after another, never nested. */
const SAVEPOINT = 'grouped_unit'

/**
 * Group commit for synchronous units (a booking). better-sqlite3 runs on the host's one thread,
 * so units pile up only while the connection is taken (by a read, an asynchronous unit or the
 * previous group): each waits here instead of on the gate, and when the connection is free, the
 * units waiting at that moment (up to MAX_GROUP) run in one BEGIN IMMEDIATE … COMMIT, each in a
 * SAVEPOINT of its own. The COMMIT's WAL write and fsync, most of a booking's cost, is then paid once per group.
 *
 * - One unit's throw rolls back to its savepoint and fails only its caller; the others go on.
 * - Nobody is answered before the COMMIT that holds their change has returned; if that COMMIT
 *   fails, or SQLite ends the whole transaction (SQLITE_FULL, an I/O error), every unit of the
 *   group fails and none is answered ok.
 * - The units run in arrival order and read everything from the database (the audit chain's last
 *   link included, db/audit-chain.ts), so rows, audit links and events come out exactly as if each
 *   had committed alone; events are published after COMMIT, for committed units only, in order.
 * - A unit alone runs at the end of the turn it arrived in, without a savepoint: the very
 *   statements of a commit of its own.
 */
export class GroupCommit<E> {
  readonly #options: GroupCommitOptions<E>
  readonly #sizes = new Map<number, number>()
  #waiting: Waiting<E>[] = []
  #draining = false

  constructor(options: GroupCommitOptions<E>) {
    this.#options = options
  }

  get sizes(): GroupSizes {
    return this.#sizes
  }

  /**
   * Queues a unit; resolves with its value after the COMMIT that holds it, or rejects with why it failed.
   *
   * With the connection free, the group starts at the end of this turn of the event loop
   * (setImmediate), not at once: the requests read from other sockets in the same turn then
   * join it. Started at once, each booking over WebSocket committed alone (its dispatch reaches
   * here in the microtasks of its own socket's read, before the next socket is read: 1.0
   * bookings per COMMIT in bench:ws-profile) and group commit never formed. Nothing waits for a
   * timer or for a request not yet read: a unit alone starts when this turn's I/O is handled.
   */
  submit(work: () => Done<E>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ work, resolve, reject })
      if (!this.#draining) {
        this.#draining = true
        setImmediate(() => void this.#drainAll())
      }
    })
  }

  /** Takes the connection once per group, until nobody waits; it is let go in between, so reads get their turn. */
  async #drainAll(): Promise<void> {
    try {
      while (this.#waiting.length > 0) {
        const taken: { group?: Waiting<E>[] } = {}
        let outcomes: Outcome<E>[] | undefined
        try {
          outcomes = await this.#options.hold(() => {
            // Taken when the connection is ours: everyone who queued while it was busy joins.
            const group = (taken.group = this.#waiting.splice(0, MAX_GROUP))
            return this.#transaction(group)
          })
        } catch (error) {
          // The gate refused (a misuse) before any work ran: these callers get its reason.
          if (!taken.group) for (const unit of this.#waiting.splice(0)) unit.reject(error)
          else for (const unit of taken.group) unit.reject(error)
          continue
        }
        const group = taken.group!
        this.#sizes.set(group.length, (this.#sizes.get(group.length) ?? 0) + 1)
        this.#settle(group, outcomes)
      }
    } finally {
      this.#draining = false
    }
  }

  #settle(group: readonly Waiting<E>[], outcomes: readonly Outcome<E>[]): void {
    const events: E[] = []
    for (const outcome of outcomes) if (outcome.ok) events.push(...outcome.done.events)
    try {
      if (events.length > 0) this.#options.publish(events)
    } catch (error) {
      // The changes are committed: their callers are told so even if telling the screens failed.
      console.error('[writer] publishing a commit failed', error)
    }
    group.forEach((unit, i) => {
      const outcome = outcomes[i]!
      if (outcome.ok) unit.resolve(outcome.done.value)
      else unit.reject(outcome.error)
    })
  }

  /** BEGIN IMMEDIATE, each unit, COMMIT: one outcome per unit, in order; never throws. */
  #transaction(group: readonly Waiting<E>[]): Outcome<E>[] {
    const { sqlite, statements } = this.#options
    const exec = (sql: string): void => void statements.prepare(sql).run()
    try {
      exec('BEGIN IMMEDIATE')
    } catch (error) {
      return group.map(() => ({ ok: false, error }))
    }
    const outcomes: Outcome<E>[] = []
    try {
      if (group.length === 1) {
        outcomes.push({ ok: true, done: group[0]!.work() })
      } else {
        for (const unit of group) outcomes.push(savepoint(exec, sqlite, unit))
      }
      exec('COMMIT')
      return outcomes
    } catch (error) {
      // A lone unit's throw, a failed COMMIT or a transaction SQLite ended by itself: nothing of
      // this group is in the file. A unit that had failed on its own keeps its own reason.
      try {
        if (sqlite.inTransaction) exec('ROLLBACK')
      } catch {
        // The transaction is gone either way; the reason to report is the first one.
      }
      return group.map((_, i) => {
        const own = outcomes[i]
        return own && !own.ok ? own : { ok: false, error }
      })
    }
  }
}

/**
 * One unit of a group in its savepoint: kept on success, rolled back to it on a throw. Throws
 * only when the whole transaction is lost (SQLite ended it, or the savepoint could not be undone).
 */
function savepoint<E>(
  exec: (sql: string) => void,
  sqlite: Pick<Database, 'inTransaction'>,
  unit: Waiting<E>,
): Outcome<E> {
  exec(`SAVEPOINT ${SAVEPOINT}`)
  let done: Done<E>
  try {
    done = unit.work()
  } catch (error) {
    // ROLLBACK TO undoes the unit's rows and audit link and keeps the savepoint; RELEASE drops it.
    if (!sqlite.inTransaction) throw error
    exec(`ROLLBACK TO ${SAVEPOINT}`)
    exec(`RELEASE ${SAVEPOINT}`)
    return { ok: false, error }
  }
  exec(`RELEASE ${SAVEPOINT}`)
  return { ok: true, done }
}
