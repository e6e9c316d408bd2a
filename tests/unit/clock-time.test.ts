import { expect, test } from 'vitest'
import { CLOCK_TIME, normalizeClockTime } from '../../src/shared/clock-time'

test('what a person types becomes HH:mm when it plainly is a time', () => {
  expect(normalizeClockTime('7:00')).toBe('07:00')
  expect(normalizeClockTime('730')).toBe('07:30')
  expect(normalizeClockTime('1730')).toBe('17:30')
  expect(normalizeClockTime('7')).toBe('07:00')
  expect(normalizeClockTime(' 08：15 ')).toBe('08:15')
  expect(normalizeClockTime('23:59')).toBe('23:59')
})

test('anything else is left as typed, for the host to refuse on its field', () => {
  for (const typed of ['24:00', '7:60', 'abc', '', '12345', '9 am'])
    expect(normalizeClockTime(typed)).toBe(typed)
  expect(CLOCK_TIME.test('07:00')).toBe(true)
  expect(CLOCK_TIME.test('7:00')).toBe(false)
})
