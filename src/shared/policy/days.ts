/** Calendar days as YYYY-MM-DD strings on UTC midnights (no zone can shift a day); shared code cannot reach src/main. */
const MS_PER_DAY = 86_400_000
const midnight = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))

export const addDays = (date: string, days: number): string =>
  new Date(midnight(date) + days * MS_PER_DAY).toISOString().slice(0, 10)

export const minutesOf = (hhmm: string): number =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

export const hhmmOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** Whole years from a birth date to a day. */
export function yearsOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years
}
