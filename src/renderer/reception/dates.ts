import { addDays, format, parseISO } from 'date-fns'

/** Clinic days are 'YYYY-MM-DD' strings; date-fns does the arithmetic on local noon-free dates. */
export const toDay = (date: Date): string => format(date, 'yyyy-MM-dd')
export const fromDay = (day: string): Date => parseISO(day)
export const shiftDay = (day: string, days: number): string => toDay(addDays(fromDay(day), days))
/** The first and last day of the month that holds `day` ('YYYY-MM-DD'). */
export function monthRange(month: string): { from: string; to: string } {
  const first = parseISO(`${month}-01`)
  const last = new Date(first.getFullYear(), first.getMonth() + 1, 0)
  return { from: toDay(first), to: toDay(last) }
}
export const monthOf = (day: string): string => day.slice(0, 7)
