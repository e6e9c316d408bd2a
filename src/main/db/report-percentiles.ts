/** One duration column of a (period, key) group: its count, and its median and p90 by nearest rank. */
export interface DurationFigures {
  n: number
  median: number | null
  p90: number | null
}

/**
 * Rows [period, key, ...durations] → per (period, key): for each duration column its n, and its
 * median and p90 by nearest rank (the k-th smallest with k = ceil(p·n), in integers). Both report
 * readers use it: SQLite's worker gets its source text (it imports nothing and names nothing
 * outside itself, so it stays whole as a string), PostgreSQL's calls it in the host.
 */
export function percentiles(
  rows: readonly (readonly unknown[])[],
): { period: unknown; key: unknown; durations: DurationFigures[] }[] {
  const groups = new Map<string, { period: unknown; key: unknown; values: number[][] }>()
  for (const row of rows) {
    const id = `${String(row[0])}|${String(row[1])}`
    let g = groups.get(id)
    if (!g)
      groups.set(id, (g = { period: row[0], key: row[1], values: row.slice(2).map(() => []) }))
    for (let i = 2; i < row.length; i++) if (row[i] !== null) g.values[i - 2]!.push(Number(row[i]))
  }
  return [...groups.values()].map((g) => ({
    period: g.period,
    key: g.key,
    durations: g.values.map((v) => {
      const n = v.length
      if (n === 0) return { n, median: null, p90: null }
      v.sort((a, b) => a - b)
      return {
        n,
        median: v[Math.floor((n + 1) / 2) - 1] ?? null,
        p90: v[Math.floor((9 * n + 9) / 10) - 1] ?? null,
      }
    }),
  }))
}
