import type { Kysely, Transaction } from 'kysely'
import type { EventName, EventPayload } from '../../shared/contract'
import type { Caller } from '../../shared/roles'
import type { EventBus, Missed } from '../host/event-bus'
import { appendAudit } from './audit-chain'
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
  /** Queues an event; it is published, and gets its revision, only after COMMIT. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

/**
 * The only way to write. BEGIN IMMEDIATE (via the dialect) → work → audit rows → COMMIT →
 * publish. Anything thrown inside rolls the whole unit back and publishes nothing.
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
      return work(context)
    })
    for (const { event, payload } of queued) this.#bus.publish(event, payload)
    return value
  }

  /** What a screen reconnecting to this host missed since a revision (sync.since). */
  since(rev: number): Missed {
    return this.#bus.since(rev)
  }
}
