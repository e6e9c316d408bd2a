import { expect, test } from 'vitest'
import { monthLabel, plusMonths } from '../../src/shared/month'

test('a month reads as each language says it: 2026年3月, March 2026', () => {
  expect(monthLabel('2026-03', 'zh-CN')).toBe('2026年3月')
  expect(monthLabel('2026-03', 'en')).toBe('March 2026')
  expect(monthLabel('2026-12', 'zh-CN')).toBe('2026年12月')
})

test('the months either side cross the year', () => {
  expect(plusMonths('2026-01', -1)).toBe('2025-12')
  expect(plusMonths('2025-12', 1)).toBe('2026-01')
  expect(plusMonths('2026-03', 0)).toBe('2026-03')
})
