import { describe, expect, test } from 'vitest'
import { opensLater, policyNowAt } from '../../src/shared/policy/release-tag'
import { DEFAULT_POLICY, INITIAL_POLICY } from '../../src/shared/policy/rules'

describe('未放号 on the grid (opensLater)', () => {
  const now = { today: '2026-03-02', time: '06:59' }
  test('a band 7 days ahead opens at 07:00 that day: not yet at 06:59, open at 07:00', () => {
    expect(opensLater(DEFAULT_POLICY, '2026-03-09', now)).toEqual({
      date: '2026-03-02',
      time: '07:00',
    })
    expect(opensLater(DEFAULT_POLICY, '2026-03-09', { ...now, time: '07:00' })).toBeNull()
    expect(opensLater(DEFAULT_POLICY, '2026-03-08', now)).toBeNull()
  })
  test('with the release rule off nothing is ever 未放号', () => {
    expect(opensLater(INITIAL_POLICY, '2026-06-01', now)).toBeNull()
  })
  test("now is the clinic's day and 24-hour time, not UTC's", () => {
    expect(policyNowAt(new Date('2026-03-01T23:30:00Z'), 'Asia/Shanghai')).toEqual({
      today: '2026-03-02',
      time: '07:30',
    })
  })
})
