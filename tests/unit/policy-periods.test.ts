import { describe, expect, it } from 'vitest'
import { suspensionPeriods } from '../../src/shared/policy/periods'
import { DEFAULT_POLICY } from '../../src/shared/policy/rules'

// The patient card's suspensions: 3 爽约 within 90 days suspend for 90 days from the third.
describe('suspension periods for the patient card', () => {
  it('one period from the third event, ending on its day + 90', () => {
    expect(
      suspensionPeriods(DEFAULT_POLICY, ['2026-10-01', '2026-10-20', '2026-11-01'], []),
    ).toEqual([{ from: '2026-11-01', until: '2027-01-30', liftedOn: null }])
  })
  it('a 爽约 while suspended extends the period instead of starting another', () => {
    expect(
      suspensionPeriods(
        DEFAULT_POLICY,
        ['2026-10-01', '2026-10-20', '2026-11-01', '2026-11-10'],
        [],
      ),
    ).toEqual([{ from: '2026-11-01', until: '2027-02-08', liftedOn: null }])
  })
  it('a lift ends the period on its day and the events before it count no more', () => {
    const events = ['2026-10-01', '2026-10-20', '2026-11-01', '2026-11-05', '2026-11-06']
    expect(suspensionPeriods(DEFAULT_POLICY, events, ['2026-11-02'])).toEqual([
      { from: '2026-11-01', until: '2027-01-30', liftedOn: '2026-11-02' },
    ])
    expect(suspensionPeriods(DEFAULT_POLICY, [...events, '2026-11-07'], ['2026-11-02'])).toEqual([
      { from: '2026-11-01', until: '2027-01-30', liftedOn: '2026-11-02' },
      { from: '2026-11-07', until: '2027-02-05', liftedOn: null },
    ])
  })
  it('nothing while the rule is off, or events spread wider than the window', () => {
    const off = { ...DEFAULT_POLICY, suspension: { ...DEFAULT_POLICY.suspension, enabled: false } }
    expect(suspensionPeriods(off, ['2026-10-01', '2026-10-20', '2026-11-01'], [])).toEqual([])
    expect(
      suspensionPeriods(DEFAULT_POLICY, ['2026-01-01', '2026-03-01', '2026-04-01'], []),
    ).toEqual([])
  })
})
