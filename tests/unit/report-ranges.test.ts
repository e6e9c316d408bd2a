import { describe, expect, test } from 'vitest'
import { presetRange } from '../../src/shared/report-ranges'

describe('report range presets', () => {
  test('on Wednesday 2026-03-04', () => {
    expect(presetRange('today', '2026-03-04')).toEqual({ from: '2026-03-04', to: '2026-03-04' })
    expect(presetRange('week', '2026-03-04')).toEqual({ from: '2026-03-02', to: '2026-03-04' })
    expect(presetRange('month', '2026-03-04')).toEqual({ from: '2026-03-01', to: '2026-03-04' })
    // February 2026 has 28 days.
    expect(presetRange('lastMonth', '2026-03-04')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
  })
  test('a Sunday is the end of its ISO week; January’s last month is December', () => {
    expect(presetRange('week', '2026-03-08')).toEqual({ from: '2026-03-02', to: '2026-03-08' })
    expect(presetRange('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' })
  })
})
