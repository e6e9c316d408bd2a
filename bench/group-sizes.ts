// Group sizes as a benchmark prints them: how many units each COMMIT carried over a window.

/** "size×commits" for the commits made since `before` (a copy of writer.groupSizes), smallest first. */
export function sizesSince(
  now: ReadonlyMap<number, number>,
  before: ReadonlyMap<number, number>,
): string {
  return [...now]
    .map(([size, count]) => [size, count - (before.get(size) ?? 0)] as const)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a - b)
    .map(([size, count]) => `${size}×${count}`)
    .join(' ')
}

/** Units per COMMIT on average since `before`. */
export function meanSince(
  now: ReadonlyMap<number, number>,
  before: ReadonlyMap<number, number>,
): number {
  let units = 0
  let commits = 0
  for (const [size, count] of now) {
    const n = count - (before.get(size) ?? 0)
    units += size * n
    commits += n
  }
  return commits === 0 ? 0 : units / commits
}
