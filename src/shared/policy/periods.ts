import { addDays } from './days'
import type { BookingPolicy } from './rules'

export interface SuspensionPeriod {
  /** The day of the 爽约 that tipped it (suspended from that day)… */
  readonly from: string
  /** …until this day, when phone booking is allowed again. */
  readonly until: string
  /** An admin lifted it on this day (before `until`). */
  readonly liftedOn: string | null
}

/**
 * Every suspension a patient's 爽约 dates made, for the patient card: the same rule as
 * suspensionOf (check.ts), applied between lifts, since a lift wipes the events up to its day.
 */
export function suspensionPeriods(
  rules: BookingPolicy,
  eventDates: readonly string[],
  liftDays: readonly string[],
): SuspensionPeriod[] {
  const s = rules.suspension
  if (!s.enabled) return []
  const lifts = [...liftDays].sort()
  const events = [...eventDates].sort()
  const out: SuspensionPeriod[] = []
  let after: string | null = null
  for (let k = 0; k <= lifts.length; k++) {
    const liftOn = lifts[k] ?? null
    const segment = events.filter(
      (d) => (after === null || d > after) && (liftOn === null || d <= liftOn),
    )
    const periods: { from: string; until: string }[] = []
    for (let i = s.count - 1; i < segment.length; i++) {
      const first = segment[i - s.count + 1]!
      const last = segment[i]!
      if (first <= addDays(last, -s.withinDays)) continue
      const until = addDays(last, s.suspendDays)
      const open = periods.at(-1)
      // A 爽约 while suspended extends the suspension rather than starting another.
      if (open && last < open.until) open.until = until > open.until ? until : open.until
      else periods.push({ from: last, until })
    }
    for (const p of periods) {
      const lifted = liftOn !== null && liftOn < p.until
      out.push({ ...p, liftedOn: lifted ? liftOn : null })
    }
    after = liftOn
  }
  return out
}
