/** A weekly session's shape as the form holds it: the fields that decide its time bands. */
export interface SessionShape {
  readonly startTime: string
  readonly endTime: string
  readonly slotMinutes: number
  readonly quotaPerSlot: number
  readonly walkInPerSlot: number
}

export interface Band {
  readonly startTime: string
  readonly endTime: string
  readonly quota: number
  readonly walkIn: number
}

const toMinutes = (hhmm: string): number | null => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm)
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

const toHhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/**
 * The time bands a session generates: whole bands of slotMinutes from start; a remainder too
 * short for a band is dropped (nobody books a 10-minute tail of a 30-minute band).
 * Empty when the shape is not valid yet (the form shows why).
 *
 * @example bandsOf({ startTime: '08:00', endTime: '09:00', slotMinutes: 30, quotaPerSlot: 4, walkInPerSlot: 1 })
 * // → [{ startTime: '08:00', endTime: '08:30', quota: 4, walkIn: 1 }, { startTime: '08:30', endTime: '09:00', … }]
 */
export function bandsOf(session: SessionShape): Band[] {
  const start = toMinutes(session.startTime)
  const end = toMinutes(session.endTime)
  const step = session.slotMinutes
  if (start === null || end === null || !Number.isInteger(step) || step < 5 || end <= start)
    return []
  const bands: Band[] = []
  for (let t = start; t + step <= end; t += step) {
    bands.push({
      startTime: toHhmm(t),
      endTime: toHhmm(t + step),
      quota: session.quotaPerSlot,
      walkIn: Math.min(session.walkInPerSlot, session.quotaPerSlot),
    })
  }
  return bands
}

/** Minutes left over at the session's end that make no whole band (shown as a hint). */
export function leftoverMinutes(session: SessionShape): number {
  const start = toMinutes(session.startTime)
  const end = toMinutes(session.endTime)
  if (start === null || end === null || end <= start || session.slotMinutes < 5) return 0
  return (end - start) % session.slotMinutes
}

/** Two sessions of one weekday overlap when one starts before the other ends. */
export const overlaps = (
  a: Pick<SessionShape, 'startTime' | 'endTime'>,
  b: Pick<SessionShape, 'startTime' | 'endTime'>,
): boolean => a.startTime < b.endTime && b.startTime < a.endTime
