/**
 * Calendar arithmetic on YYYY-MM-DD strings (days in the clinic's zone; no instants involved),
 * done on UTC midnights: no time zone or DST can shift a day, and it is plain arithmetic (a
 * booking runs it; date-fns' parse and format cost more than the booking's SQL reads).
 */
const MS_PER_DAY = 86_400_000

/** Milliseconds of the UTC midnight of a YYYY-MM-DD date (setUTCFullYear keeps years below 100 as they are). */
function utcMidnight(date: string): number {
  return new Date(0).setUTCFullYear(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  )
}

const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

export const plusDays = (date: string, days: number): string =>
  dateOf(utcMidnight(date) + days * MS_PER_DAY)

export const daysBetween = (from: string, to: string): number =>
  Math.round((utcMidnight(to) - utcMidnight(from)) / MS_PER_DAY)

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: string): number => new Date(utcMidnight(date)).getUTCDay() || 7

/** Every day from..to inclusive. */
export function eachDate(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; d <= to; d = plusDays(d, 1)) out.push(d)
  return out
}

export const toMinutes = (hhmm: string): number =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

export const toHhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** The time bands of a session: [start, start + len), … while a whole band fits before its end. */
export function bandsOf(
  startTime: string,
  endTime: string,
  slotMinutes: number,
): { start: string; end: string }[] {
  const bands: { start: string; end: string }[] = []
  const end = toMinutes(endTime)
  for (let t = toMinutes(startTime); t + slotMinutes <= end; t += slotMinutes)
    bands.push({ start: toHhmm(t), end: toHhmm(t + slotMinutes) })
  return bands
}

/** Whole years from a birth date to a day, or null when the birth date is unknown. */
export function ageOn(birthDate: string | null, date: string): number | null {
  if (!birthDate) return null
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years
}
