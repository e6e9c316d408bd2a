/** The reports screen's range presets, as clinic days (YYYY-MM-DD), both ends included. */
export const RANGE_PRESETS = ['today', 'week', 'month', 'lastMonth', 'custom'] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]

const day = (d: Date): string => d.toISOString().slice(0, 10)
const parse = (iso: string): Date => new Date(`${iso}T00:00:00Z`)

/**
 * The range a preset means on clinic day `today`: this ISO week from Monday, this month from its
 * first day, both up to today (the future has no figures yet); last month whole. Custom keeps
 * nothing of its own: the screen keeps the range shown.
 */
export function presetRange(
  preset: Exclude<RangePreset, 'custom'>,
  today: string,
): { from: string; to: string } {
  const t = parse(today)
  if (preset === 'today') return { from: today, to: today }
  if (preset === 'week') {
    const monday = new Date(t)
    monday.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7))
    return { from: day(monday), to: today }
  }
  if (preset === 'month') return { from: `${today.slice(0, 7)}-01`, to: today }
  const first = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 1, 1))
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 0))
  return { from: day(first), to: day(last) }
}
