import { formatClinicTime } from '../../../shared/clinic-time'

/**
 * The audit log stores UTC instants; the admin thinks in the clinic's days and hours (its time
 * zone from settings), whatever the PC's own zone is. Intl does the zone arithmetic.
 */

/** The zone's offset from UTC, in ms, at an instant. */
function zoneOffset(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs))
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return (
    Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) -
    Math.floor(utcMs / 1000) * 1000
  )
}

/**
 * A wall-clock moment of the clinic ("2026-03-02", "23:59:59.999") as a UTC ISO instant.
 * @example zonedToUtc('2026-03-02', '00:00:00', 'Asia/Shanghai') // → '2026-03-01T16:00:00.000Z'
 */
export function zonedToUtc(day: string, time: string, timeZone: string | undefined): string {
  const [y, m, d] = day.split('-').map(Number)
  const [hh, mm, ss] = time.split(':').map(Number)
  const asUtc = Date.UTC(
    y ?? 1970,
    (m ?? 1) - 1,
    d ?? 1,
    hh ?? 0,
    mm ?? 0,
    Math.floor(ss ?? 0),
    Math.round(((ss ?? 0) % 1) * 1000),
  )
  if (!timeZone) return new Date(asUtc).toISOString()
  return new Date(asUtc - zoneOffset(asUtc, timeZone)).toISOString()
}

/** An instant as the clinic's local date and time, in the screen's language. */
export function formatInZone(iso: string, language: string, timeZone: string | undefined): string {
  return formatClinicTime(iso, language, timeZone)
}
