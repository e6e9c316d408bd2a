/**
 * Every time a screen shows is the clinic's (its time zone from settings) in the screen's
 * language, whatever the PC's own zone is: one formatter for all of them. `timeZone` undefined
 * (settings not read yet) falls back to the PC's zone.
 */

export type ClinicTimeStyle = 'dateTime' | 'date' | 'time' | 'clock'

const OPTIONS: Record<ClinicTimeStyle, Intl.DateTimeFormatOptions> = {
  dateTime: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  },
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  clock: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
}

const cache = new Map<string, Intl.DateTimeFormat>()

function formatter(language: string, timeZone: string | undefined, style: ClinicTimeStyle) {
  const key = `${language}|${timeZone ?? ''}|${style}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(language, { ...OPTIONS[style], timeZone })
    cache.set(key, f)
  }
  return f
}

/**
 * An instant as the clinic's wall clock, in the screen's language (24-hour, both languages).
 * @example formatClinicTime('2026-12-01T14:06:44Z', 'zh-CN', 'Asia/Shanghai') // '2026/12/01 22:06:44'
 * @example formatClinicTime('2026-12-01T14:06:44Z', 'en', 'Asia/Shanghai', 'clock') // '22:06'
 */
export function formatClinicTime(
  at: string | Date,
  language: string,
  timeZone: string | undefined,
  style: ClinicTimeStyle = 'dateTime',
): string {
  const date = typeof at === 'string' ? new Date(at) : at
  if (Number.isNaN(date.getTime())) return String(at)
  return formatter(language, timeZone, style).format(date)
}

/** Hours between two zones' clocks at an instant (Shanghai → Urumqi: -2). */
export function zoneShiftHours(from: string, to: string, at: Date = new Date()): number {
  const wall = (zone: string) => {
    const p = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(at)
    const n = (type: string) => Number(p.find((x) => x.type === type)?.value ?? 0)
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'))
  }
  return Math.round(((wall(to) - wall(from)) / 3_600_000) * 100) / 100
}

/** The clinic's date today in a zone, as YYYY-MM-DD. */
export const zoneToday = (timeZone: string, at: Date = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at)

/** The IANA zones this runtime knows, for the settings picker. */
export function knownTimeZones(): readonly string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] }
  return intl.supportedValuesOf?.('timeZone') ?? []
}

/**
 * A clinic day and wall-clock time in the clinic's zone, as an instant (UTC, ISO): where a FHIR
 * Slot starts, where a revenue day begins.
 * @example zonedInstant('2026-12-01', '08:00', 'Asia/Shanghai') // '2026-12-01T00:00:00.000Z'
 */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  const wall = Date.parse(`${date}T${time}:00Z`)
  const offsetAt = (at: number): number => {
    const p = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(new Date(at))
    const n = (type: string) => Number(p.find((x) => x.type === type)?.value ?? 0)
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute')) - at
  }
  // Twice: the offset at the guess may differ from the offset at the answer across a DST change.
  let at = wall - offsetAt(wall)
  at = wall - offsetAt(at)
  return new Date(at).toISOString()
}
