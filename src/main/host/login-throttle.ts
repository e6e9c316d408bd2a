/**
 * Sign-in attempts per remote address in a sliding window: a guesser on the LAN is slowed
 * down long before the per-account lockout (5 attempts) would lock out staff one by one.
 */
export class LoginThrottle {
  readonly #attempts = new Map<string, number[]>()
  readonly #limit: number
  readonly #windowMs: number
  readonly #now: () => number

  constructor(options: { limit?: number; windowMs?: number; now?: () => number } = {}) {
    this.#limit = options.limit ?? 10
    this.#windowMs = options.windowMs ?? 60_000
    this.#now = options.now ?? (() => performance.now())
  }

  /** Counts one attempt from this address; false when it is over the limit (the attempt is refused). */
  take(address: string): boolean {
    const now = this.#now()
    const recent = (this.#attempts.get(address) ?? []).filter((t) => now - t < this.#windowMs)
    if (recent.length >= this.#limit) {
      this.#attempts.set(address, recent)
      return false
    }
    recent.push(now)
    this.#attempts.set(address, recent)
    // Keep the map small: forget addresses that have been quiet for a whole window.
    if (this.#attempts.size > 1000) for (const [key, times] of this.#attempts) if (times.every((t) => now - t >= this.#windowMs)) this.#attempts.delete(key)
    return true
  }
}
