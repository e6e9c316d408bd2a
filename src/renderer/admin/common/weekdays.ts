/** ISO weekdays (1 = Monday … 7 = Sunday) and their catalogue keys. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
export type Weekday = (typeof WEEKDAYS)[number]

const KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

export const weekdayKey = (weekday: number) =>
  `admin.weekday.${KEYS[(weekday - 1) % 7] ?? 'mon'}` as const
