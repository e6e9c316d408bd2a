import type { EventName } from '../../shared/contract'

/** An event as committed: its name, the revision it was given and its payload. */
export interface PublishedEvent {
  readonly event: EventName
  readonly rev: number
  readonly payload: unknown
}

export type Listener = (published: PublishedEvent) => void

/** In-process fan-out of committed events to the transports. Fed only by the write helper. */
export class EventBus {
  readonly #listeners = new Set<Listener>()

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  publish(published: PublishedEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(published)
      } catch (error) {
        // One broken subscriber must not stop the others, nor the writer that published.
        console.error('[bus] listener failed', error)
      }
    }
  }
}
