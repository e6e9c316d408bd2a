import { NIGHT_FROM, type FeeQuote, type FeeRule, type FeeSource } from './contract/fees'

/**
 * The rules in force on a day: for each kind and target, the one with the latest effectiveFrom
 * not after the day (on a tie, the one entered last, i.e. the highest id).
 */
export function rulesInForce(rules: readonly FeeRule[], on: string): FeeRule[] {
  const best = new Map<string, FeeRule>()
  for (const r of rules) {
    if (r.effectiveFrom > on) continue
    const k = `${r.kind}\u0000${r.target}`
    const held = best.get(k)
    if (
      !held ||
      r.effectiveFrom > held.effectiveFrom ||
      (r.effectiveFrom === held.effectiveFrom && r.id > held.id)
    )
      best.set(k, r)
  }
  return [...best.values()].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.target.localeCompare(b.target) || a.id - b.id,
  )
}

export interface VisitFacts {
  readonly doctor: { readonly id: number; readonly departmentId: number; readonly title: string }
  readonly date: string
  readonly startTime?: string
  readonly isHoliday: boolean
  /** Days since the patient's last completed visit in the same department, null when none. */
  readonly daysSinceLastVisit: number | null
  readonly staff: boolean
}

/**
 * The fee for one visit, from the rules in force that day. All sums are integer fen. The base is
 * the most specific rule: the doctor's own, else the department's flat fee, else the clinic's
 * scale for the doctor's title, else 0 (nothing priced yet: the desk is not blocked).
 */
export function quoteFee(rules: readonly FeeRule[], visit: VisitFacts): FeeQuote {
  const inForce = rulesInForce(rules, visit.date)
  const find = (kind: FeeRule['kind'], target: string) =>
    inForce.find((r) => r.kind === kind && r.target === target)
  const title = visit.doctor.title.trim()
  const candidates: [FeeSource, FeeRule | undefined][] = [
    ['DOCTOR', find('DOCTOR', String(visit.doctor.id))],
    ['DEPARTMENT', find('DEPARTMENT', String(visit.doctor.departmentId))],
    ['TITLE', title === '' ? undefined : find('TITLE', title)],
  ]
  const hit = candidates.find(([, r]) => r !== undefined)
  const base = hit?.[1]
  const night =
    visit.startTime !== undefined && visit.startTime >= NIGHT_FROM ? find('NIGHT', '') : undefined
  const holiday = visit.isHoliday ? find('HOLIDAY', '') : undefined
  const revisit = find('REVISIT_DAYS', '')
  const free = visit.staff
    ? 'STAFF'
    : revisit &&
        revisit.amountFen > 0 &&
        visit.daysSinceLastVisit !== null &&
        visit.daysSinceLastVisit <= revisit.amountFen
      ? 'REVISIT'
      : null
  const baseFen = base?.amountFen ?? 0
  const nightFen = night?.amountFen ?? 0
  const holidayFen = holiday?.amountFen ?? 0
  const used = [base, night, holiday, free === 'REVISIT' ? revisit : undefined]
  return {
    doctorId: visit.doctor.id,
    date: visit.date,
    baseFen,
    source: hit?.[0] ?? 'NONE',
    nightFen,
    holidayFen,
    totalFen: free ? 0 : baseFen + nightFen + holidayFen,
    free,
    ruleIds: used.flatMap((r) => (r ? [r.id] : [])),
  }
}

/** Fen as yuan with two decimals, for display only (12345 → "123.45"); integer arithmetic, no float. */
export function formatFen(amountFen: number): string {
  const sign = amountFen < 0 ? '-' : ''
  const abs = Math.abs(amountFen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * A yuan amount typed at a screen ("12", "12.5", "12.50") as integer fen, read digit by digit so
 * no float ever holds money; null for anything else (negative, three decimals, letters).
 */
export function parseYuan(text: string): number | null {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
