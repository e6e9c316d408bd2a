import { describe, expect, test } from 'vitest'
import type { ReportSummary } from '../../src/shared/contract/reports'
import { ownFigures } from '../../src/shared/own-figures'

const summary = (rows: Partial<ReportSummary['rows'][number]>[]): ReportSummary =>
  ({ rows }) as unknown as ReportSummary

describe('ownFigures', () => {
  test('nothing yet: zeros and no wait', () => {
    expect(ownFigures(summary([]))).toEqual({ seen: 0, noShows: 0, waitMinutes: null })
  })
  test('seen = completed, no-shows, median wait rounded to minutes', () => {
    expect(
      ownFigures(summary([{ completed: 7, noShows: 2, wait: { n: 9, median: 1530, p90: 4000 } }])),
    ).toEqual({ seen: 7, noShows: 2, waitMinutes: 26 })
  })
  test('nobody called: the wait is unknown, not zero', () => {
    expect(
      ownFigures(summary([{ completed: 0, noShows: 1, wait: { n: 0, median: null, p90: null } }]))
        .waitMinutes,
    ).toBeNull()
  })
})
