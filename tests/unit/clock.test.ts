import { expect, test } from 'vitest'
import { zonedParts } from '../../src/main/db/clock'

test("zonedParts gives the clinic's day and time, and its kept last answer never leaks across minutes or zones", () => {
  const at = new Date('2026-03-08T06:59:59.900Z') // 01:59:59 in New York, a second before the clocks jump to 03:00
  expect(zonedParts(at, 'Asia/Shanghai')).toEqual({ date: '2026-03-08', time: '14:59' })
  expect(zonedParts(at, 'America/New_York')).toEqual({ date: '2026-03-08', time: '01:59' })
  expect(zonedParts(new Date(at.getTime() + 200), 'America/New_York')).toEqual({
    date: '2026-03-08',
    time: '03:00',
  })
  expect(zonedParts(new Date(at.getTime() + 200), 'Asia/Shanghai')).toEqual({
    date: '2026-03-08',
    time: '15:00',
  })
  expect(zonedParts(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toEqual({
    date: '2027-01-01',
    time: '00:00',
  })
})
