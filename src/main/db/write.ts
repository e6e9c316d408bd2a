import type { Kysely, Transaction } from 'kysely'
import type { EventName, EventPayload } from '../../shared/contract'
import type { Caller } from '../../shared/roles'
import type { EventBus, PublishedEvent } from '../host/event-bus'
import { appendAudit } from './audit-chain'
import { compiled } from './compiled'
import type { Clock } from './clock'
import type { DB } from './schema'

/** A handle that can only read: what services get outside the write helper. */
export type ReadDb = Pick<Kysely<DB>, 'selectFrom' | 'with' | 'fn' | 'executeQuery'>

export interface AuditEntry {
  readonly entity: string
  readonly entityId: number | null
  readonly before?: unknown
  readonly after?: unknown
}

/** What a unit of work inside a write transaction may do. */
export interface WriteContext {
  readonly tx: Transaction<DB>
  /** The instant of this write, as a UTC ISO string. */
  readonly now: string
  /** Appends an audit row in this same transaction. */
  audit(entry: AuditEntry): Promise<void>
  /** Queues an event; it gets its revision in this transaction and is published only after COMMIT. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

/** How many change records the catch-up log keeps; older clients re-read everything. */
const CHANGE_LOG_KEEP = 50_000

// The writer's own statements, compiled once (db/compiled.ts): they run on every write.
const insertChange = compiled<{ event: string; payload: string; created_at: string }>()((db, $) =>
  db.insertInto('changes').values({ event: $('event'), payload: $('payload'), created_at: $('created_at') }),
)
const pruneChanges = compiled<{ upTo: number }>()((db, $) => db.deleteFrom('changes').where('rev', '<=', $('upTo')))

/**
 * The only way to write. BEGIN IMMEDIATE (via the dialect) → work → audit and change rows →
 * COMMIT → publish. Anything thrown inside rolls the whole unit back and publishes nothing.
 */
export class Writer {
  readonly #db: Kysely<DB>
  readonly #bus: EventBus
  readonly #clock: Clock

  constructor(db: Kysely<DB>, bus: EventBus, clock: Clock) {
    this.#db = db
    this.#bus = bus
    this.#clock = clock
  }

  async run<T>(actor: Caller, action: string, work: (w: WriteContext) => Promise<T>): Promise<T> {
    const now = this.#clock.now().toISOString()
    const queued: { event: EventName; payload: unknown }[] = []
    const committed: PublishedEvent[] = []
    const value = await this.#db.transaction().execute(async (tx) => {
      const context: WriteContext = {
        tx,
        now,
        audit: async (entry) => {
          // Linked into the hash chain (db/audit-chain.ts); the table refuses UPDATE and DELETE.
          await appendAudit(tx, {
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
      const result = await work(context)
      if (queued.length > 0) {
        for (const { event, payload } of queued) {
          const { insertId: rev } = await insertChange.run(tx, { event, payload: JSON.stringify(payload), created_at: now })
          committed.push({ event, rev, payload })
        }
        // Prune once every ~1000 revisions: the catch-up log keeps the newest CHANGE_LOG_KEEP.
        const first = committed[0]!.rev
        const last = committed[committed.length - 1]!.rev
        if (Math.floor(last / 1000) !== Math.floor((first - 1) / 1000)) await pruneChanges.run(tx, { upTo: last - CHANGE_LOG_KEEP })
      }
      return result
    })
    for (const published of committed) this.#bus.publish(published)
    return value
  }
}
