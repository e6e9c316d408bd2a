const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

const isLeapYear = (year: number): boolean =>
  year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)

/**
 * Whether YYYY-MM-DD names a day of the Gregorian calendar, from year 1 on: no 02-30, no 04-31,
 * 02-29 only in a leap year, no year 0000. Plain arithmetic, not `Date`, which reads years 0–99
 * as 1900–1999.
 * @example isRealDate('2028-02-29') // true
 * @example isRealDate('2027-02-29') // false
 */
export function isRealDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1 || month < 1 || month > 12 || day < 1) return false
  const last = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
  return day <= last
}
