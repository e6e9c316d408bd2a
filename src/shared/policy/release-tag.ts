import { formatClinicTime, zoneToday } from '../clinic-time'
import { isReleased, releaseOf, type PolicyNow } from './check'
import type { BookingPolicy } from './rules'

/** The clinic's day and wall-clock time (HH:mm) at an instant, as the policy compares them. */
export const policyNowAt = (at: Date, timeZone: string | undefined): PolicyNow => ({
  today: timeZone ? zoneToday(timeZone, at) : zoneToday('UTC', at),
  time: formatClinicTime(at, 'en', timeZone, 'clock'),
})

/**
 * 未放号: when the band's day is not yet open for phone booking, the day and time it opens;
 * null when it is open (or the release rule is off). The grid says it; the host still decides.
 */
export function opensLater(
  policy: BookingPolicy,
  date: string,
  now: PolicyNow,
): { date: string; time: string } | null {
  return isReleased(policy, date, now) ? null : releaseOf(policy, date)
}
