import { sql, type Kysely, type Transaction } from 'kysely'
import pg from 'pg'
import type { EventName } from '../../../shared/contract'
import { EventBus, type PublishedEvent } from '../../host/event-bus'
import type { AuditLink } from '../audit-chain'
import type { DB } from '../schema'

/** The channel every host LISTENs on. A notification carries nothing: it only says "read the log". */
export const FEED_CHANNEL = 'clinicdesk_changes'
/**
 * Revisions per transaction: the events of the commit of transaction x are numbered
 * x × 4096 + 1, + 2 … Every host computes the same numbers from the shared log, so a screen's
 * revision means the same on any host. Safe integers last up to x = 2^41 (decades at 1,000
 * write transactions a second).
 */
const PER_XID = 4096
/** A commit with more events is logged without them: screens re-read (a demo load, an import). */
export const MAX_EVENTS_PER_COMMIT = PER_XID - 1
/** The longest an answer waits for its own commit to reach this host's bus (committed). */
const WAIT_MS = 100

export interface QueuedEvent {
  readonly event: EventName
  readonly payload: unknown
}

export interface ChangeFeedOptions {
  /** Shown in pg_stat_activity (tests cut a feed's connection by it). */
  readonly name?: string
  /** How often the log is read when no notification came: the bound after a lost NOTIFY. */
  readonly fallbackMs?: number
}

const revisionOf = (xid: number, index: number): number => xid * PER_XID + index + 1
/** The highest revision transaction `xid` could have given: "everything up to xid". */
const throughXid = (xid: number): number => (xid === 0 ? 0 : xid * PER_XID + MAX_EVENTS_PER_COMMIT)

/**
 * PostgreSQL's cross-host change feed. Each unit of work writes its commit's events into
 * change_feed in its own transaction (`record`), keyed by the transaction id; after COMMIT the
 * writer calls `committed(xid)`, which NOTIFYs every host. Each host reads the rows in
 * transaction-id order, but only those of transactions older than the oldest one still running
 * (pg_snapshot_xmin): no row can later appear below what was read, so a host never skips a
 * change that commits late, and a rolled-back transaction leaves no row at all. The events reach
 * this host's EventBus in that order, numbered from the id (the same on every host).
 *
 * Why not a sequence: two hosts draw 10 and 11, 11 commits first and is read, then 10 commits
 * below it and a host reading "after 11" never sees it. Why not NOTIFY inside the unit: a
 * transaction that NOTIFYs takes one database-wide lock through its COMMIT, so every unit of
 * every host would commit (and fsync) one at a time. The NOTIFY goes after COMMIT, on its own
 * connection with synchronous_commit off, at most one at a time per host; if a host dies
 * between its COMMIT and its NOTIFY, the next notification or the fallback read brings the row.
 *
 * A dropped connection reconnects, LISTENs again and reads from its position: nothing is
 * missed unless pruned meanwhile, and then the bus skips (skipTo) and screens re-read.
 */
export class ChangeFeed {
  readonly bus: EventBus
  readonly #url: string
  readonly #options: ChangeFeedOptions
  #position: number
  #listener: pg.Client | undefined
  #notifier: pg.Client | undefined
  #closed = false
  #reading = false
  #again = false
  #notifying = false
  #notifyAgain = false
  #reconnecting = false
  #pendingMs = 1
  #timers = new Set<NodeJS.Timeout>()
  readonly #fallback: NodeJS.Timeout

  private constructor(url: string, options: ChangeFeedOptions, floor: number) {
    this.#url = url
    this.#options = options
    this.#position = floor
    this.bus = new EventBus(throughXid(floor) + 1)
    this.#fallback = setInterval(() => this.#read(), options.fallbackMs ?? 1000)
    this.#fallback.unref()
  }

  /**
   * Connects, LISTENs, and loads what the shared log still holds into the bus (so a screen coming
   * from another host catches up here too). Resolves once that first read is done.
   */
  static async open(url: string, options: ChangeFeedOptions = {}): Promise<ChangeFeed> {
    const client = connectionFor(url, options.name)
    await client.connect()
    try {
      const { rows } = await client.query<{ xid: string }>('SELECT xid FROM change_feed_floor')
      const feed = new ChangeFeed(url, options, Number(rows[0]?.xid ?? 0))
      await feed.#listen()
      return feed
    } finally {
      await client.end()
    }
  }

  /**
   * Inside the unit's transaction, as its last statement: the commit's events. Once per
   * transaction (the outermost unit's, with its nested units' events); nothing when there are none.
   * `audit`: the unit's audit rows (db/audit-chain.ts linkAuditPg), inserted by the same statement
   * as a data-modifying CTE, so a unit's audit and feed rows cost one round trip, not two.
   */
  async record(
    tx: Transaction<DB>,
    events: readonly QueuedEvent[],
    now: string,
    audit: readonly AuditLink[] = [],
  ): Promise<number | undefined> {
    if (events.length === 0) {
      if (audit.length > 0)
        await tx
          .insertInto('audit_log')
          .values([...audit])
          .execute()
      return undefined
    }
    const json =
      events.length > MAX_EVENTS_PER_COMMIT
        ? null
        : JSON.stringify(events.map(({ event, payload }) => ({ event, payload })))
    const feedRow = {
      xid: sql<number>`pg_current_xact_id()::text::bigint`,
      at: now,
      events: json,
    }
    const row =
      audit.length > 0
        ? await tx
            .with('audit', (db) => db.insertInto('audit_log').values([...audit]))
            .insertInto('change_feed')
            .values(feedRow)
            .returning('xid')
            .executeTakeFirst()
        : await tx.insertInto('change_feed').values(feedRow).returning('xid').executeTakeFirst()
    return Number(row?.xid)
  }

  /**
   * After COMMIT of a unit that recorded events (transaction `xid`): tells every host, this one
   * included, and settles once this host's bus has the commit's events — so the caller is
   * answered after its own screens could hear of it, as on SQLite. At most `WAIT_MS`: a
   * transaction left open elsewhere holds the log's frontier back, and must not hold answers.
   */
  committed(xid?: number): Promise<void> {
    this.#read()
    this.#notify()
    if (xid === undefined || xid <= this.#position || this.#closed) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const waiter = { xid, resolve }
      this.#waiters.add(waiter)
      this.#later(() => {
        this.#waiters.delete(waiter)
        resolve()
      }, WAIT_MS)
    })
  }

  /** Answers waiting for their commit to reach this host's bus (committed). */
  readonly #waiters = new Set<{ readonly xid: number; readonly resolve: () => void }>()

  #settle(): void {
    for (const waiter of this.#waiters)
      if (waiter.xid <= this.#position) {
        this.#waiters.delete(waiter)
        waiter.resolve()
      }
  }

  /** The transaction id read up to (every row at or below it has reached the bus). */
  get position(): number {
    return this.#position
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const waiter of this.#waiters) waiter.resolve()
    this.#waiters.clear()
    clearInterval(this.#fallback)
    for (const timer of this.#timers) clearTimeout(timer)
    const clients = [this.#listener, this.#notifier]
    this.#listener = this.#notifier = undefined
    for (const client of clients) await client?.end().catch(() => {})
  }

  async #listen(): Promise<void> {
    const client = connectionFor(this.#url, this.#options.name)
    client.on('error', (error) => console.warn(`[feed] connection lost: ${error.message}`))
    client.on('end', () => this.#lost(client))
    // This host's own NOTIFY needs no read: committed() read the log when it sent it.
    client.on('notification', (message) => {
      if (message.processId !== backendOf(this.#notifier)) this.#read()
    })
    try {
      await client.connect()
      // LISTEN first, then read: a commit between the two is in the read or in a notification.
      await client.query(`LISTEN ${FEED_CHANNEL}`)
    } catch (error) {
      await client.end().catch(() => {})
      throw error
    }
    if (this.#closed) return void (await client.end())
    this.#listener = client
    await this.#readNow()
  }

  /** The LISTEN connection ended: reconnect (5 ms, doubling up to 2 s) and read from the position. */
  #lost(client: pg.Client): void {
    if (this.#listener !== client) return
    this.#listener = undefined
    void this.#reconnect()
  }

  async #reconnect(): Promise<void> {
    if (this.#closed || this.#reconnecting) return
    this.#reconnecting = true
    try {
      for (let wait = 5; !this.#closed; wait = Math.min(wait * 2, 2000)) {
        await new Promise<void>((resolve) => this.#later(resolve, wait))
        try {
          return await this.#listen()
        } catch (error) {
          console.warn(`[feed] reconnecting failed: ${(error as Error).message}`)
        }
      }
    } finally {
      this.#reconnecting = false
    }
  }

  /** Reads now, or once more after the read under way: reads never overlap. */
  #read(): void {
    if (this.#reading) return void (this.#again = true)
    void this.#readNow()
  }

  async #readNow(): Promise<void> {
    if (this.#reading) return void (this.#again = true)
    this.#reading = true
    try {
      do {
        this.#again = false
        const client = this.#listener
        if (!client) return
        // Rows of transactions still running wait below the frontier: look again soon (1 ms,
        // doubling up to 8 ms); their own commit's NOTIFY usually comes first.
        if (await this.#readOnce(client)) {
          this.#later(() => this.#read(), this.#pendingMs)
          this.#pendingMs = Math.min(this.#pendingMs * 2, 8)
        } else this.#pendingMs = 1
      } while (this.#again && !this.#closed)
    } catch (error) {
      // The connection's 'end' reconnects; a read that failed otherwise runs again on the next trigger.
      if (!this.#closed) console.warn(`[feed] reading the log failed: ${(error as Error).message}`)
    } finally {
      this.#reading = false
      // A trigger that came while a read failed (its connection cut) is not lost.
      if (this.#again && !this.#closed) this.#later(() => this.#read(), 1)
    }
  }

  /** One read of the log after the position; true when rows of running transactions wait. */
  async #readOnce(client: pg.Client): Promise<boolean> {
    const { rows } = await client.query<{
      xid: string | null
      events: string | null
      ready: boolean | null
      floor: string
    }>(
      // pg_current_snapshot() is this statement's snapshot: every id below its xmin is finished,
      // and its rows (if it committed) are visible here.
      `SELECT f.xid, f.events, f.xid < s.xmin AS ready, s.floor
         FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin,
                      (SELECT xid FROM change_feed_floor) AS floor) s
         LEFT JOIN change_feed f ON f.xid > $1
        ORDER BY f.xid`,
      [this.#position],
    )
    const floor = Number(rows[0]?.floor ?? 0)
    if (floor > this.#position) {
      // Pruned before this host read it: what screens hold is stale, and they are told to re-read.
      this.#position = floor
      this.bus.skipTo(throughXid(floor))
    }
    for (const row of rows) {
      if (row.xid === null) continue
      if (!row.ready) return true
      const xid = Number(row.xid)
      if (xid <= this.#position) continue
      this.#position = xid
      if (row.events === null) this.bus.skipTo(throughXid(xid))
      else this.bus.deliver(numbered(xid, JSON.parse(row.events) as QueuedEvent[]))
    }
    this.#settle()
    return false
  }

  /** NOTIFY on its own connection, at most one under way (a burst of commits sends two). */
  #notify(): void {
    if (this.#notifying) return void (this.#notifyAgain = true)
    this.#notifying = true
    void (async () => {
      try {
        do {
          this.#notifyAgain = false
          const client = await this.#notifierClient()
          await client.query(`NOTIFY ${FEED_CHANNEL}`)
        } while (this.#notifyAgain && !this.#closed)
      } catch (error) {
        // The other hosts' fallback read brings the rows regardless.
        this.#notifier?.end().catch(() => {})
        this.#notifier = undefined
        if (!this.#closed) console.warn(`[feed] NOTIFY failed: ${(error as Error).message}`)
      } finally {
        this.#notifying = false
      }
    })()
  }

  async #notifierClient(): Promise<pg.Client> {
    if (this.#notifier) return this.#notifier
    const client = connectionFor(this.#url, `${this.#options.name ?? 'clinicdesk-feed'}-notify`)
    client.on('error', () => {
      if (this.#notifier === client) this.#notifier = undefined
    })
    await client.connect()
    // A notification is only a hint to read the log: its COMMIT need not wait for the disk.
    await client.query('SET synchronous_commit = off')
    if (this.#closed) {
      await client.end()
      throw new Error('the feed is closed')
    }
    return (this.#notifier = client)
  }

  /**
   * Work a moment from now: a read, a reconnect, the end of an answer's wait. Not unref'd: it is
   * the host's own work under way (close() clears it). Unref'd, a host whose callers were all
   * waiting for their commits while the LISTEN connection came back had nothing keeping its
   * process alive and exited with the answers unsent (Node's exit 13; the PostgreSQL crash test).
   */
  #later(work: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      if (!this.#closed) work()
    }, ms)
    this.#timers.add(timer)
  }
}

/**
 * Forgets rows older than `keepMs` (by their writers' clocks), and moves the floor above them so
 * a host that had not read them yet knows it. Once-only work: the leader's (db/pg/leader.ts).
 */
export async function pruneChangeFeed(db: Kysely<DB>, now: Date, keepMs: number): Promise<number> {
  const before = new Date(now.getTime() - keepMs).toISOString()
  return db.transaction().execute(async (tx) => {
    const { upTo } = await tx
      .selectFrom('change_feed')
      .select((eb) => eb.fn.max('xid').as('upTo'))
      .where('at', '<', before)
      .executeTakeFirstOrThrow()
    if (upTo === null) return 0
    // The floor first: its row lock makes two pruning hosts take turns.
    await tx
      .updateTable('change_feed_floor')
      .set({ xid: sql<number>`greatest(xid, ${upTo})` })
      .execute()
    const { numDeletedRows } = await tx
      .deleteFrom('change_feed')
      .where('xid', '<=', Number(upTo))
      .executeTakeFirst()
    return Number(numDeletedRows)
  })
}

function numbered(xid: number, events: readonly QueuedEvent[]): PublishedEvent[] {
  return events.map(({ event, payload }, i) => ({ event, rev: revisionOf(xid, i), payload }))
}

/** The server process behind a connection (node-postgres keeps it from BackendKeyData). */
const backendOf = (client: pg.Client | undefined): number | undefined =>
  (client as { processID?: number } | undefined)?.processID

function connectionFor(url: string, name = 'clinicdesk-feed'): pg.Client {
  return new pg.Client({ connectionString: url, application_name: name, keepAlive: true })
}
