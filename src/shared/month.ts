/**
 * A calendar month (YYYY-MM) as a screen says it and the months either side: the admin's month
 * picker. No time zone is involved: a month of the clinic's calendar is just a label.
 */

const labels = new Map<string, Intl.DateTimeFormat>()

/**
 * A month in the screen's language.
 * @example monthLabel('2026-03', 'zh-CN') // '2026年3月'
 * @example monthLabel('2026-03', 'en') // 'March 2026'
 */
export function monthLabel(month: string, language: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  if (!m) return month
  let f = labels.get(language)
  if (!f) {
    f = new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' })
    labels.set(language, f)
  }
  return f.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)))
}

/**
 * The month `by` months away.
 * @example plusMonths('2026-01', -1) // '2025-12'
 */
export function plusMonths(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const n = y * 12 + (m - 1) + by
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`
}
