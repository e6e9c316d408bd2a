import { addDays, differenceInCalendarDays, format, getISODay, parseISO } from 'date-fns'

/** Calendar arithmetic on YYYY-MM-DD strings (days in the clinic's zone; no instants involved). */
export const plusDays = (date: string, days: number): string => format(addDays(parseISO(date), days), 'yyyy-MM-dd')

export const daysBetween = (from: string, to: string): number => differenceInCalendarDays(parseISO(to), parseISO(from))

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: string): number => getISODay(parseISO(date))

/** Every day from..to inclusive. */
export function eachDate(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; d <= to; d = plusDays(d, 1)) out.push(d)
  return out
}

export const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

export const toHhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** The time bands of a session: [start, start + len), … while a whole band fits before its end. */
export function bandsOf(startTime: string, endTime: string, slotMinutes: number): { start: string; end: string }[] {
  const bands: { start: string; end: string }[] = []
  const end = toMinutes(endTime)
  for (let t = toMinutes(startTime); t + slotMinutes <= end; t += slotMinutes) bands.push({ start: toHhmm(t), end: toHhmm(t + slotMinutes) })
  return bands
}

/** Whole years from a birth date to a day, or null when the birth date is unknown. */
export function ageOn(birthDate: string | null, date: string): number | null {
  if (!birthDate) return null
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years
}
