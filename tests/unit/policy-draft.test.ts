import { describe, expect, test } from 'vitest'
import { draftOf, policyOf } from '../../src/shared/policy/draft'
import { BookingPolicy, DEFAULT_POLICY } from '../../src/shared/policy/rules'

describe('the rules card draft (figures as typed text)', () => {
  test('a policy comes back unchanged through the form, null ages as empty boxes', () => {
    const draft = draftOf(DEFAULT_POLICY)
    expect(draft.release.daysAhead).toBe('7')
    expect(draft.departments.limits[0]).toEqual({
      department: '儿科',
      minAge: '',
      maxAgeBelow: '14',
      sex: null,
    })
    expect(policyOf(draft)).toEqual(DEFAULT_POLICY)
  })
  test('an empty figure is not quietly 0: the host refuses it on its own field', () => {
    const draft = draftOf(DEFAULT_POLICY)
    const sent = policyOf({ ...draft, maxLive: { enabled: true, limit: ' ' } })
    // Over JSON NaN travels as null, which the contract refuses on maxLive.limit.
    const parsed = BookingPolicy.safeParse(JSON.parse(JSON.stringify(sent)))
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.path).toEqual(['maxLive', 'limit'])
  })
})
