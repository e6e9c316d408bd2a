/** A clock time as the clinic writes it: 24-hour HH:mm (07:00, 17:30). */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/**
 * What a person typed, as HH:mm when it plainly is one: "7:00" → "07:00", "730" → "07:30",
 * "1730" → "17:30", "7" → "07:00". Anything else comes back as typed, for the host to refuse
 * on its field with a sentence.
 */
export function normalizeClockTime(typed: string): string {
  const text = typed.trim().replace('：', ':')
  const parts = /^(\d{1,2}):(\d{2})$/.exec(text) ?? /^(\d{1,2})(\d{2})$/.exec(text)
  const hour = parts ? parts[1]! : /^\d{1,2}$/.test(text) ? text : undefined
  if (hour === undefined) return typed
  const candidate = `${hour.padStart(2, '0')}:${parts ? parts[2]! : '00'}`
  return CLOCK_TIME.test(candidate) ? candidate : typed
}
