/**
 * Failed sign-in attempts per remote address in a sliding window: a guesser on the LAN is stopped
 * long before the per-account lockout (5 attempts) would lock staff out one by one. Only failures
 * count, so a busy desk signing in and out all day is never slowed down.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>()
  readonly #limit: number
  readonly #windowMs: number
  readonly #now: () => number

  constructor(options: { limit?: number; windowMs?: number; now?: () => number } = {}) {
    this.#limit = options.limit ?? 10
    this.#windowMs = options.windowMs ?? 60_000
    this.#now = options.now ?? (() => performance.now())
  }

  #recent(address: string): number[] {
    const now = this.#now()
    const recent = (this.#failures.get(address) ?? []).filter((t) => now - t < this.#windowMs)
    if (recent.length) this.#failures.set(address, recent)
    else this.#failures.delete(address)
    return recent
  }

  /** False while this address has failed `limit` times within the window: the attempt is refused unchecked. */
  allows(address: string): boolean {
    return this.#recent(address).length < this.#limit
  }

  fail(address: string): void {
    this.#failures.set(address, [...this.#recent(address), this.#now()])
  }
}
