import type { EventName } from '../../shared/contract'

/** An event as committed: its name, the revision it was given and its payload. */
export interface PublishedEvent {
  readonly event: EventName
  readonly rev: number
  readonly payload: unknown
}

export type Listener = (published: PublishedEvent) => void
/** Gets the events of one commit together, oldest first: what a transport pushes as one frame. */
export type BatchListener = (batch: readonly PublishedEvent[]) => void

/** What a screen that reconnects missed since the last revision it saw. */
export interface Missed {
  /** The newest revision given so far. */
  readonly head: number
  /** False when the bus no longer remembers everything after that revision: re-read everything. */
  readonly complete: boolean
  readonly events: readonly PublishedEvent[]
}

/** How many events the bus remembers for catch-up; a screen further behind re-reads everything. */
export const CATCH_UP_KEEP = 1000

/**
 * In-process fan-out of committed events to the transports, fed only by the write helper right
 * after COMMIT (on PostgreSQL, by the change feed: db/pg/change-feed.ts). It numbers them (the
 * global revision screens order by) and remembers the newest for catch-up. Nothing of this is written to the database: a screen only ever catches up with
 * the host it is connected to, and `firstRev` (host/change-epoch.ts) puts each run of the host
 * above every revision an earlier run gave, so a screen from before a restart re-reads everything.
 */
export class EventBus {
  readonly #listeners = new Set<Listener>()
  readonly #batchListeners = new Set<BatchListener>()
  readonly #resetListeners = new Set<() => void>()
  readonly #recent: PublishedEvent[] = []
  /** The newest revision this bus forgot, or never knew: catch-up from below it is incomplete. */
  #floor: number
  #head: number

  constructor(firstRev = 1) {
    this.#floor = firstRev - 1
    this.#head = firstRev - 1
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Like subscribe, but called once per commit with all of its events (transports push them as one frame). */
  subscribeBatch(listener: BatchListener): () => void {
    this.#batchListeners.add(listener)
    return () => this.#batchListeners.delete(listener)
  }

  /**
   * Called when the bus had to skip changes it will never hear (skipTo): screens listening live
   * missed them too, and must re-read (the browser transport drops their sockets; on reconnect
   * sync.since tells them so).
   */
  subscribeReset(listener: () => void): () => void {
    this.#resetListeners.add(listener)
    return () => this.#resetListeners.delete(listener)
  }

  /** One event on its own: a commit that queued only it. */
  publish(event: EventName, payload: unknown): PublishedEvent {
    return this.publishBatch([{ event, payload }])[0]!
  }

  /**
   * The events of one commit (or of a group of commits), in the order they were queued: each gets
   * the next revision and is remembered; per-event subscribers hear each, batch subscribers hear
   * the whole list once. Called once per COMMIT by the write helper.
   */
  publishBatch(
    queued: readonly { readonly event: EventName; readonly payload: unknown }[],
  ): readonly PublishedEvent[] {
    let rev = this.#head
    return this.deliver(queued.map(({ event, payload }) => ({ event, rev: ++rev, payload })))
  }

  /**
   * Events numbered elsewhere (PostgreSQL's change feed numbers them from the shared log, the same
   * on every host), each above the last: remembered and told like publishBatch's. Revisions need
   * not follow each other.
   */
  deliver(batch: readonly PublishedEvent[]): readonly PublishedEvent[] {
    if (batch.length === 0) return []
    batch.forEach(({ rev }, i) => {
      const before = i === 0 ? this.#head : batch[i - 1]!.rev
      if (rev <= before) throw new Error(`[bus] revision ${rev} is not above ${before}`)
    })
    this.#head = batch[batch.length - 1]!.rev
    for (const published of batch) this.#recent.push(published)
    // Trimmed in batches: one splice per CATCH_UP_KEEP / 4 events instead of a shift per event.
    if (this.#recent.length > CATCH_UP_KEEP * 1.25) {
      const forgotten = this.#recent.splice(0, this.#recent.length - CATCH_UP_KEEP)
      this.#floor = forgotten[forgotten.length - 1]!.rev
    }
    for (const published of batch) for (const listener of this.#listeners) tell(listener, published)
    for (const listener of this.#batchListeners) tell(listener, batch)
    return batch
  }

  /**
   * Moves past changes this bus will never hear (the shared log pruned them before this host read
   * them): catch-up from before `rev` now says re-read, and reset subscribers are told.
   */
  skipTo(rev: number): void {
    if (rev <= this.#head) return
    this.#recent.length = 0
    this.#floor = rev
    this.#head = rev
    for (const listener of this.#resetListeners) tell(listener, undefined)
  }

  /** Everything after `rev`, oldest first, when the bus still remembers all of it. */
  since(rev: number): Missed {
    const head = this.#head
    if (rev === head) return { head, complete: true, events: [] }
    // Before this run's first revision, from a later run than this one, forgotten already, or
    // simply more than a screen should replay: re-reading everything is then the quicker way.
    if (rev < this.#floor || rev > head) return { head, complete: false, events: [] }
    const events = this.#recent.slice(firstAbove(this.#recent, rev))
    if (events.length > CATCH_UP_KEEP) return { head, complete: false, events: [] }
    return { head, complete: true, events }
  }
}

/** The index of the first event whose revision is above `rev` (the list is in revision order). */
function firstAbove(events: readonly PublishedEvent[], rev: number): number {
  let low = 0
  let high = events.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (events[middle]!.rev <= rev) low = middle + 1
    else high = middle
  }
  return low
}

function tell<T>(listener: (value: T) => void, value: T): void {
  try {
    listener(value)
  } catch (error) {
    // One broken subscriber must not stop the others, nor the writer that published.
    console.error('[bus] listener failed', error)
  }
}
