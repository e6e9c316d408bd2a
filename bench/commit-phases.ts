import type { Database } from 'better-sqlite3'

/** The four phases of one booking, in µs: call → BEGIN, BEGIN → COMMIT, the COMMIT itself, COMMIT → answer. */
const PHASES = ['call → BEGIN', 'BEGIN → COMMIT', 'COMMIT', 'COMMIT → answer'] as const

/** When the last BEGIN started and the last COMMIT started and ended (all Statements share one prototype). */
const stamps = { begin: 0, commitStart: 0, commitEnd: 0 }
let wrapped = false

function wrapStatements(
  proto: Record<'run' | 'get' | 'all', (...args: unknown[]) => unknown>,
): void {
  wrapped = true
  for (const name of ['run', 'get', 'all'] as const) {
    const original = proto[name]
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      const start = performance.now()
      const commit = /^\s*commit/i.test(this.source)
      if (/^\s*begin/i.test(this.source)) stamps.begin = start
      if (commit) stamps.commitStart = start
      try {
        return original.apply(this, args)
      } finally {
        if (commit) stamps.commitEnd = performance.now()
      }
    }
  }
}

/**
 * Opt-in (BENCH_PHASES=1) for bench:booking: where each path's time goes. Wraps better-sqlite3's
 * Statement run/get/all (every path's BEGIN and COMMIT are statements, better-sqlite3's own
 * transaction() included) to stamp when BEGIN starts and when COMMIT starts and ends. The wrapping
 * costs a little per statement, so the ratios printed without it are the ones to quote.
 */
export function commitPhases(sqlite: Database) {
  if (!wrapped) wrapStatements(Object.getPrototypeOf(sqlite.prepare('select 1')))
  const totals = new Map<string, { n: number; sums: number[] }>()
  return {
    /** Runs one booking and adds its phases to its path's totals. */
    async time(path: string, book: () => unknown): Promise<void> {
      const start = performance.now()
      await book()
      const end = performance.now()
      const total = totals.get(path) ?? { n: 0, sums: [0, 0, 0, 0] }
      total.n++
      ;[
        stamps.begin - start,
        stamps.commitStart - stamps.begin,
        stamps.commitEnd - stamps.commitStart,
        end - stamps.commitEnd,
      ].forEach((v, i) => (total.sums[i]! += v))
      totals.set(path, total)
    },
    /** One line per path: the mean of each phase in µs. */
    report(): string[] {
      return [...totals].map(
        ([path, { n, sums }]) =>
          `  ${path.padEnd(12)} ${PHASES.map((p, i) => `${p} ${((sums[i]! / n) * 1000).toFixed(0)}`).join(' · ')} µs`,
      )
    },
  }
}
