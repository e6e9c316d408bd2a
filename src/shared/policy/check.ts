import { addDays, hhmmOf, minutesOf, yearsOn } from './days'
import { sessionOf, type BookingPolicy } from './rules'

/**
 * One pure check, "may this patient book this band now": the booking path and the waitlist both
 * call it with what they have read, so the rule lives in one place and tests need no database.
 */
export interface PolicyPatient {
  readonly sex: 'M' | 'F' | 'U'
  readonly birthDate: string | null
}
export interface PolicyBand {
  readonly date: string
  readonly startTime: string
  readonly department: string
  readonly source: 'PHONE' | 'WALK_IN'
}
/** The clinic's "now": its day and wall-clock time (settings/clinicNow). */
export interface PolicyNow {
  readonly today: string
  readonly time: string
}
/** What the patient's past says: dates of 爽约 events and the live future bookings held now. */
export interface PolicyHistory {
  readonly noShowDates: readonly string[]
  readonly lateCancelDates: readonly string[]
  readonly liveFutureBookings: number
  /** The last day an admin lifted a suspension: events up to it no longer count. */
  readonly liftedOn: string | null
}

export type PolicyRule =
  | 'NOT_RELEASED'
  | 'CUT_OFF'
  | 'MAX_LIVE'
  | 'AGE_LIMIT'
  | 'NO_BIRTH_DATE'
  | 'SEX_LIMIT'
  | 'SUSPENDED'

export type PolicyVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false
      readonly rule: PolicyRule
      /** English sentence with the figures (the screens word it from rule + details). */
      readonly message: string
      readonly details: Readonly<Record<string, string | number>>
    }

const OK: PolicyVerdict = { ok: true }
const no = (
  rule: PolicyRule,
  message: string,
  details: Record<string, string | number> = {},
): PolicyVerdict => ({ ok: false, rule, message, details })

/** The instant (day + time) a band opens for phone booking. */
export const releaseOf = (rules: BookingPolicy, date: string): { date: string; time: string } => ({
  date: addDays(date, -rules.release.daysAhead),
  time: rules.release.at,
})

/** 未放号: the band is not yet open for phone booking. */
export function isReleased(rules: BookingPolicy, date: string, now: PolicyNow): boolean {
  if (!rules.release.enabled) return true
  const opens = releaseOf(rules, date)
  return now.today > opens.date || (now.today === opens.date && now.time >= opens.time)
}

/**
 * The day phone booking is allowed again, or null when not suspended: N events within M days
 * (ending on the Nth) suspend for K days from that event's day; events up to a lift are ignored.
 */
export function suspendedUntil(
  rules: BookingPolicy,
  history: PolicyHistory,
  today: string,
): string | null {
  return suspensionOf(rules, history, today)?.until ?? null
}

/** The suspension in force today, with the 爽约 events that count (what the desk tells the patient). */
export function suspensionOf(
  rules: BookingPolicy,
  history: PolicyHistory,
  today: string,
): { until: string; events: number; noShows: number; lateCancels: number } | null {
  const s = rules.suspension
  if (!s.enabled) return null
  const counts = (d: string) => history.liftedOn === null || d > history.liftedOn
  const noShows = history.noShowDates.filter(counts)
  const lateCancels = s.countLateCancels ? history.lateCancelDates.filter(counts) : []
  const events = [...noShows, ...lateCancels].sort()
  let until: string | null = null
  for (let i = s.count - 1; i < events.length; i++) {
    const first = events[i - s.count + 1]!
    const last = events[i]!
    if (first > addDays(last, -s.withinDays)) {
      const end = addDays(last, s.suspendDays)
      if (until === null || end > until) until = end
    }
  }
  if (until === null || today >= until) return null
  return {
    until,
    events: events.length,
    noShows: noShows.length,
    lateCancels: lateCancels.length,
  }
}

/** A cancel now is late: after the deadline before the band starts. */
export function isLateCancel(
  rules: BookingPolicy,
  band: Pick<PolicyBand, 'date' | 'startTime'>,
  now: PolicyNow,
): boolean {
  if (!rules.cancelDeadline.enabled) return false
  const hours = rules.cancelDeadline.hoursBefore
  const startMin = minutesOf(band.startTime) - hours * 60
  const days = Math.floor(startMin / 1440)
  const deadline = { date: addDays(band.date, days), time: hhmmOf(startMin - days * 1440) }
  return now.today > deadline.date || (now.today === deadline.date && now.time >= deadline.time)
}

/**
 * The band's start + grace has been reached (with the no-show rule off, its start): from then a
 * patient who is not there has missed the booking (爽约); before it a late patient still comes.
 */
export function graceOver(
  rules: BookingPolicy,
  band: Pick<PolicyBand, 'date' | 'startTime'>,
  now: PolicyNow,
): boolean {
  const endMin = minutesOf(band.startTime) + (rules.noShow.enabled ? rules.noShow.graceMinutes : 0)
  const days = Math.floor(endMin / 1440)
  const due = { date: addDays(band.date, days), time: hhmmOf(endMin - days * 1440) }
  return now.today > due.date || (now.today === due.date && now.time >= due.time)
}

/** A phone booking not checked in by band start + grace is due to become NO_SHOW. */
export function noShowDue(
  rules: BookingPolicy,
  band: Pick<PolicyBand, 'date' | 'startTime'>,
  now: PolicyNow,
): boolean {
  return rules.noShow.enabled && graceOver(rules, band, now)
}

export function checkBookingPolicy(
  rules: BookingPolicy,
  patient: PolicyPatient,
  band: PolicyBand,
  now: PolicyNow,
  history: PolicyHistory,
): PolicyVerdict {
  // Who may be seen where holds for walk-ins too: it is the department's, not the phone's.
  const limits = checkDepartment(rules, patient, band)
  if (!limits.ok) return limits
  // Walk-ins are never refused by release, cut-off, limits or 爽约.
  if (band.source === 'WALK_IN') return OK

  if (!isReleased(rules, band.date, now)) {
    const opens = releaseOf(rules, band.date)
    return no(
      'NOT_RELEASED',
      `Not yet released (未放号): phone booking for ${band.date} opens on ${opens.date} at ${opens.time}.`,
      { opensOn: opens.date, opensAt: opens.time },
    )
  }
  if (rules.cutoff.enabled && band.date === now.today) {
    const session = sessionOf(band.startTime)
    const until = rules.cutoff[session]
    if (now.time >= until)
      return no(
        'CUT_OFF',
        `Phone booking for today's ${session} closed at ${until}; the patient can come as a walk-in.`,
        { session, until },
      )
  }
  const suspended = suspensionOf(rules, history, now.today)
  if (suspended !== null)
    return no(
      'SUSPENDED',
      `Phone booking is suspended after repeated no-shows (爽约: ${suspended.noShows} no-shows, ${suspended.lateCancels} late cancels) until ${suspended.until}; walk-ins are still welcome.`,
      { ...suspended },
    )
  if (rules.maxLive.enabled && history.liveFutureBookings >= rules.maxLive.limit)
    return no(
      'MAX_LIVE',
      `The patient already holds ${history.liveFutureBookings} future bookings, the most allowed (${rules.maxLive.limit}).`,
      { limit: rules.maxLive.limit, held: history.liveFutureBookings },
    )
  return OK
}

function checkDepartment(
  rules: BookingPolicy,
  patient: PolicyPatient,
  band: PolicyBand,
): PolicyVerdict {
  if (!rules.departments.enabled) return OK
  const limit = rules.departments.limits.find((l) => l.department === band.department)
  if (!limit) return OK
  if (limit.sex !== null && patient.sex !== limit.sex)
    return no(
      'SEX_LIMIT',
      `${limit.department} sees ${limit.sex === 'F' ? 'female' : 'male'} patients only; check the sex on the patient's record.`,
      { department: limit.department, sex: limit.sex },
    )
  if (limit.minAge === null && limit.maxAgeBelow === null) return OK
  if (patient.birthDate === null)
    return no(
      'NO_BIRTH_DATE',
      `${limit.department} has an age limit: add the patient's birth date (or ID number) to the record first.`,
      { department: limit.department },
    )
  const age = yearsOn(patient.birthDate, band.date)
  if (
    (limit.minAge !== null && age < limit.minAge) ||
    (limit.maxAgeBelow !== null && age >= limit.maxAgeBelow)
  ) {
    const range =
      limit.maxAgeBelow !== null && limit.minAge !== null
        ? `aged ${limit.minAge} to under ${limit.maxAgeBelow}`
        : limit.maxAgeBelow !== null
          ? `under ${limit.maxAgeBelow}`
          : `aged ${limit.minAge} or over`
    return no(
      'AGE_LIMIT',
      `${limit.department} sees patients ${range}; this patient is ${age} on that day.`,
      {
        department: limit.department,
        age,
        ...(limit.minAge !== null ? { minAge: limit.minAge } : {}),
        ...(limit.maxAgeBelow !== null ? { maxAgeBelow: limit.maxAgeBelow } : {}),
      },
    )
  }
  return OK
}
