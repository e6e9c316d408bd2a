import { describe, expect, it } from 'vitest'
import {
  checkBookingPolicy,
  isLateCancel,
  noShowDue,
  suspendedUntil,
  type PolicyBand,
  type PolicyHistory,
  type PolicyPatient,
} from '../../src/shared/policy/check'
import { BookingPolicy, DEFAULT_POLICY } from '../../src/shared/policy/rules'

// Issue 14: one test per rule and per boundary, on the pure check (no database needed).
const adult: PolicyPatient = { sex: 'F', birthDate: '1990-05-01' }
const clean: PolicyHistory = {
  noShowDates: [],
  lateCancelDates: [],
  liveFutureBookings: 0,
  liftedOn: null,
}
const band = (over: Partial<PolicyBand> = {}): PolicyBand => ({
  date: '2026-12-10',
  startTime: '09:00',
  department: '内科',
  source: 'PHONE',
  ...over,
})
const at = (today: string, time: string) => ({ today, time })
const check = (b: PolicyBand, now: { today: string; time: string }, h = clean, p = adult) =>
  checkBookingPolicy(DEFAULT_POLICY, p, b, now, h)
const rule = (v: ReturnType<typeof check>) => (v.ok ? 'OK' : v.rule)

describe('release (放号: 7 days ahead at 07:00)', () => {
  it('refuses a phone booking the minute before release, with a sentence saying when it opens', () => {
    const v = check(band(), at('2026-12-03', '06:59'))
    expect(v.ok).toBe(false)
    if (!v.ok) {
      expect(v.rule).toBe('NOT_RELEASED')
      expect(v.message).toContain('2026-12-03 at 07:00')
      expect(v.details).toEqual({ opensOn: '2026-12-03', opensAt: '07:00' })
    }
  })
  it('books at the minute of release', () => {
    expect(rule(check(band(), at('2026-12-03', '07:00')))).toBe('OK')
  })
  it('never refuses a walk-in, and is off when switched off', () => {
    expect(rule(check(band({ source: 'WALK_IN' }), at('2026-12-01', '06:00')))).toBe('OK')
    const off = { ...DEFAULT_POLICY, release: { ...DEFAULT_POLICY.release, enabled: false } }
    expect(checkBookingPolicy(off, adult, band(), at('2026-12-01', '06:00'), clean).ok).toBe(true)
  })
})

describe('same-day cut-off per session (上午号 until 11:00)', () => {
  it('books at the last minute before the cut-off and refuses at it', () => {
    expect(rule(check(band({ date: '2026-12-10' }), at('2026-12-10', '10:59')))).toBe('OK')
    expect(rule(check(band({ date: '2026-12-10' }), at('2026-12-10', '11:00')))).toBe('CUT_OFF')
  })
  it('uses the afternoon cut-off for an afternoon band and spares other days', () => {
    const pm = band({ startTime: '14:00' })
    expect(rule(check(pm, at('2026-12-10', '16:29')))).toBe('OK')
    expect(rule(check(pm, at('2026-12-10', '16:30')))).toBe('CUT_OFF')
    expect(rule(check(band({ date: '2026-12-11' }), at('2026-12-10', '11:30')))).toBe('OK')
  })
})

describe('max live future bookings (3)', () => {
  it('allows the third and refuses the fourth', () => {
    const now = at('2026-12-05', '08:00')
    expect(rule(check(band(), now, { ...clean, liveFutureBookings: 2 }))).toBe('OK')
    expect(rule(check(band(), now, { ...clean, liveFutureBookings: 3 }))).toBe('MAX_LIVE')
  })
})

describe('department limits', () => {
  const now = at('2026-12-05', '08:00')
  it('儿科 takes a child the day before the 14th birthday and refuses on it', () => {
    const kid = (birthDate: string): PolicyPatient => ({ sex: 'M', birthDate })
    expect(rule(check(band({ department: '儿科' }), now, clean, kid('2012-12-11')))).toBe('OK')
    expect(rule(check(band({ department: '儿科' }), now, clean, kid('2012-12-10')))).toBe(
      'AGE_LIMIT',
    )
  })
  it('says to add a birth date when none is on file, for walk-ins too', () => {
    const v = check(band({ department: '儿科', source: 'WALK_IN' }), now, clean, {
      sex: 'M',
      birthDate: null,
    })
    expect(rule(v)).toBe('NO_BIRTH_DATE')
    if (!v.ok) expect(v.message).toContain('birth date')
  })
  it('妇科 and 产科 refuse a male patient', () => {
    const man: PolicyPatient = { sex: 'M', birthDate: '1980-01-01' }
    expect(rule(check(band({ department: '妇科' }), now, clean, man))).toBe('SEX_LIMIT')
    expect(rule(check(band({ department: '产科' }), now, clean, man))).toBe('SEX_LIMIT')
    expect(rule(check(band({ department: '妇科' }), now, clean, adult))).toBe('OK')
  })
})

describe('爽约 suspension (3 within 90 days → 90 days)', () => {
  const h = (
    noShowDates: string[],
    lateCancelDates: string[] = [],
    liftedOn: string | null = null,
  ) => ({
    ...clean,
    noShowDates,
    lateCancelDates,
    liftedOn,
  })
  it('suspends from the third event until its day + 90, and lets booking in on the day it ends', () => {
    const three = h(['2026-10-01', '2026-10-20'], ['2026-11-01'])
    expect(suspendedUntil(DEFAULT_POLICY, three, '2026-11-01')).toBe('2027-01-30')
    expect(suspendedUntil(DEFAULT_POLICY, three, '2027-01-29')).toBe('2027-01-30')
    expect(suspendedUntil(DEFAULT_POLICY, three, '2027-01-30')).toBeNull()
    const v = checkBookingPolicy(
      DEFAULT_POLICY,
      adult,
      band({ date: '2026-12-10' }),
      at('2026-12-05', '08:00'),
      three,
    )
    expect(v.ok ? null : v.details).toEqual({
      until: '2027-01-30',
      events: 3,
      noShows: 2,
      lateCancels: 1,
    })
  })
  it('does not count events spread wider than 90 days, nor late cancels when not set', () => {
    expect(
      suspendedUntil(DEFAULT_POLICY, h(['2026-01-01', '2026-03-01', '2026-04-01']), '2026-04-02'),
    ).toBeNull()
    const noLate = {
      ...DEFAULT_POLICY,
      suspension: { ...DEFAULT_POLICY.suspension, countLateCancels: false },
    }
    expect(
      suspendedUntil(noLate, h(['2026-10-01', '2026-10-20'], ['2026-11-01']), '2026-11-02'),
    ).toBeNull()
  })
  it('an admin lift forgets the events before it; walk-ins are never refused', () => {
    const lifted = h(['2026-10-01', '2026-10-20', '2026-11-01'], [], '2026-11-02')
    expect(suspendedUntil(DEFAULT_POLICY, lifted, '2026-11-03')).toBeNull()
    const suspended = h(['2026-10-01', '2026-10-20', '2026-11-01'])
    expect(rule(check(band({ source: 'WALK_IN' }), at('2026-12-05', '08:00'), suspended))).toBe(
      'OK',
    )
  })
})

describe('cancel deadline and no-show grace', () => {
  it('a cancel is late from exactly 24 hours before the band', () => {
    expect(isLateCancel(DEFAULT_POLICY, band(), at('2026-12-09', '08:59'))).toBe(false)
    expect(isLateCancel(DEFAULT_POLICY, band(), at('2026-12-09', '09:00'))).toBe(true)
  })
  it('a booking is still on time at the last minute of grace and NO_SHOW at its end', () => {
    expect(noShowDue(DEFAULT_POLICY, band(), at('2026-12-10', '09:29'))).toBe(false)
    expect(noShowDue(DEFAULT_POLICY, band(), at('2026-12-10', '09:30'))).toBe(true)
    expect(noShowDue(DEFAULT_POLICY, band({ startTime: '23:45' }), at('2026-12-11', '00:14'))).toBe(
      false,
    )
    expect(noShowDue(DEFAULT_POLICY, band({ startTime: '23:45' }), at('2026-12-11', '00:15'))).toBe(
      true,
    )
  })
})

describe('bad rules are refused on the field', () => {
  const bad = (patch: Record<string, unknown>) => {
    const r = BookingPolicy.safeParse({ ...DEFAULT_POLICY, ...patch })
    return r.success ? null : r.error.issues.map((i) => i.path.join('.'))
  }
  it('negative days, a cut-off after its session ends, limits out of range', () => {
    expect(bad({ release: { ...DEFAULT_POLICY.release, daysAhead: -1 } })).toEqual([
      'release.daysAhead',
    ])
    expect(bad({ cutoff: { ...DEFAULT_POLICY.cutoff, morning: '12:30' } })).toEqual([
      'cutoff.morning',
    ])
    expect(bad({ maxLive: { enabled: true, limit: 0 } })).toEqual(['maxLive.limit'])
    expect(bad({ suspension: { ...DEFAULT_POLICY.suspension, count: 99 } })).toEqual([
      'suspension.count',
    ])
    expect(bad({})).toBeNull()
  })
})
