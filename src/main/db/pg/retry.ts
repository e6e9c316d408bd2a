/**
 * PostgreSQL may abort a transaction that did nothing wrong: a serialization failure (40001) under
 * REPEATABLE READ/SERIALIZABLE, or the loser of a deadlock (40P01) between two hosts' row locks.
 * Both leave nothing written, so the host runs the whole transaction again, and a desk never sees
 * them. Anything else (a constraint, a typed AppError) goes to the caller at once.
 */
const RETRYABLE = new Set(['40001', '40P01'])

export const isRetryable = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  RETRYABLE.has(String((error as { code?: unknown }).code))

export async function withRetry<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (!isRetryable(error) || attempt >= attempts) throw error
      // A short, growing, jittered pause so the two losers of a deadlock do not meet again.
      await new Promise((r) => setTimeout(r, Math.random() * 2 ** attempt))
    }
  }
}
