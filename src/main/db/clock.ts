/** The host's clock. Tests pass a fixed one; everything "today" derives from it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A calendar day (YYYY-MM-DD) and wall-clock time (HH:mm) in a time zone, from an instant. */
export function zonedParts(instant: Date, timeZone: string): { date: string; time: string } {
  // Every call asks for "now", and the answer changes once a minute: the last one is kept.
  const minute = Math.floor(instant.getTime() / 60_000)
  if (last?.minute === minute && last.timeZone === timeZone) return last.parts
  const parts = formatterFor(timeZone).formatToParts(instant)
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? ''
  last = {
    minute,
    timeZone,
    parts: {
      date: `${get('year')}-${get('month')}-${get('day')}`,
      time: `${get('hour')}:${get('minute')}`,
    },
  }
  return last.parts
}
let last:
  | {
      readonly minute: number
      readonly timeZone: string
      readonly parts: { readonly date: string; readonly time: string }
    }
  | undefined

/** Building an Intl.DateTimeFormat costs far more than using one: one per zone, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}
