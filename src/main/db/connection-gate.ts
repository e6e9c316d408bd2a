import { AsyncLocalStorage } from 'node:async_hooks'

/** A misuse of the database seam: a bug in the calling code, never the user's input. */
export class SeamError extends Error {
  override readonly name = 'SeamError'
}

/** A unit of work in progress, as the code it started sees it; `open` ends with its transaction. */
interface OpenUnit {
  readonly action: string
  open: boolean
}

/**
 * The host's one SQLite connection, and the lock every query queues on (kysely's SQLite driver
 * has the same lock, but private to one Kysely instance; the read handle and the writer each have
 * their own instance over this one).
 *
 * A unit of work holds the lock for its whole transaction. Code running inside that unit which
 * asks for the lock again (a read through the read handle, another unit) would wait for the unit,
 * and the unit for it: kysely's connection would stay taken forever and the host hang. So the
 * gate knows, through the async context, which unit the asking code runs in, and refuses such
 * a request at once with a SeamError instead.
 */
export class ConnectionGate {
  readonly #units = new AsyncLocalStorage<OpenUnit>()
  #held: Promise<void> | undefined
  #release: (() => void) | undefined

  async lock(purpose: string): Promise<void> {
    const unit = this.#units.getStore()
    if (unit?.open) {
      throw new SeamError(
        `${purpose} inside the unit of work of ${unit.action}: the unit holds the database ` +
          'connection until it ends, so this would wait for it forever. Read and write through the ' +
          "unit's own w.tx or w.statements instead.",
      )
    }
    while (this.#held) await this.#held
    this.#held = new Promise((resolve) => (this.#release = resolve))
  }

  unlock(): void {
    const release = this.#release
    this.#held = undefined
    this.#release = undefined
    release?.()
  }

  /** Runs a unit's work (the lock already held for it) so that what it starts is known to be inside it. */
  async within<T>(action: string, work: () => Promise<T>): Promise<T> {
    const unit: OpenUnit = { action, open: true }
    try {
      return await this.#units.run(unit, work)
    } finally {
      // Anything the unit left behind (a timer, an unawaited promise) may use the lock again.
      unit.open = false
    }
  }
}
