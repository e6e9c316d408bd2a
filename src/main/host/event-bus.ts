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
 * after COMMIT. It numbers them (the global revision screens order by) and remembers the newest
 * for catch-up. Nothing of this is written to the database: a screen only ever catches up with
 * the host it is connected to, and `firstRev` (host/change-epoch.ts) puts each run of the host
 * above every revision an earlier run gave, so a screen from before a restart re-reads everything.
 */
export class EventBus {
  readonly #listeners = new Set<Listener>()
  readonly #batchListeners = new Set<BatchListener>()
  readonly #recent: PublishedEvent[] = []
  readonly #firstRev: number
  #nextRev: number

  constructor(firstRev = 1) {
    this.#firstRev = firstRev
    this.#nextRev = firstRev
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
    if (queued.length === 0) return []
    const batch = queued.map(({ event, payload }) => ({ event, rev: this.#nextRev++, payload }))
    for (const published of batch) this.#recent.push(published)
    // Trimmed in batches: one splice per CATCH_UP_KEEP / 4 events instead of a shift per event.
    if (this.#recent.length > CATCH_UP_KEEP * 1.25)
      this.#recent.splice(0, this.#recent.length - CATCH_UP_KEEP)
    for (const published of batch) for (const listener of this.#listeners) tell(listener, published)
    for (const listener of this.#batchListeners) tell(listener, batch)
    return batch
  }

  /** Everything after `rev`, oldest first, when the bus still remembers all of it. */
  since(rev: number): Missed {
    const head = this.#nextRev - 1
    if (rev === head) return { head, complete: true, events: [] }
    // Before this run's first revision, from a later run than this one, forgotten already, or
    // simply more than a screen should replay: re-reading everything is then the quicker way.
    const oldest = this.#recent[0]?.rev ?? this.#nextRev
    if (rev < this.#firstRev - 1 || rev > head || rev + 1 < oldest || head - rev > CATCH_UP_KEEP)
      return { head, complete: false, events: [] }
    return { head, complete: true, events: this.#recent.slice(rev + 1 - oldest) }
  }
}

function tell<T>(listener: (value: T) => void, value: T): void {
  try {
    listener(value)
  } catch (error) {
    // One broken subscriber must not stop the others, nor the writer that published.
    console.error('[bus] listener failed', error)
  }
}
