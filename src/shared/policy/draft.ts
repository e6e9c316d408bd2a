import type { BookingPolicy, DepartmentLimit } from './rules'

/**
 * The policy as a form edits it: every figure is the text typed, so that a half-typed or bad
 * figure is sent as typed and the host names its field (INVALID_INPUT), instead of the form
 * silently turning it into 0. Pure, so node tests can use it.
 */
type Texts<T> = { [K in keyof T]: T[K] extends number ? string : T[K] }
export type LimitDraft = Omit<DepartmentLimit, 'minAge' | 'maxAgeBelow'> & {
  minAge: string
  maxAgeBelow: string
}
export type PolicyDraft = {
  [S in Exclude<keyof BookingPolicy, 'departments'>]: Texts<BookingPolicy[S]>
} & { departments: { enabled: boolean; limits: LimitDraft[] } }

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function toTexts(v: unknown): unknown {
  if (typeof v === 'number') return String(v)
  if (Array.isArray(v)) return v.map(toTexts)
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toTexts(x)]))
  return v
}

/** The form's starting point from the host's policy. null ages show as empty boxes. */
export function draftOf(policy: BookingPolicy): PolicyDraft {
  const { departments, ...rest } = policy
  return {
    ...(toTexts(rest) as Omit<PolicyDraft, 'departments'>),
    departments: {
      enabled: departments.enabled,
      limits: departments.limits.map((l) => ({
        ...l,
        minAge: l.minAge === null ? '' : String(l.minAge),
        maxAgeBelow: l.maxAgeBelow === null ? '' : String(l.maxAgeBelow),
      })),
    },
  }
}

/** A typed figure as sent: empty is NaN (the host refuses it on its field), else the number. */
const figure = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.trim()))
const age = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim()))

/** What policy.update is sent: the draft's texts back to numbers, unchecked (the host checks). */
export function policyOf(d: PolicyDraft): BookingPolicy {
  return {
    release: { ...d.release, daysAhead: figure(d.release.daysAhead) },
    cutoff: { ...d.cutoff },
    cancelDeadline: { ...d.cancelDeadline, hoursBefore: figure(d.cancelDeadline.hoursBefore) },
    maxLive: { ...d.maxLive, limit: figure(d.maxLive.limit) },
    departments: {
      enabled: d.departments.enabled,
      limits: d.departments.limits.map((l) => ({
        ...l,
        minAge: age(l.minAge),
        maxAgeBelow: age(l.maxAgeBelow),
      })),
    },
    noShow: { ...d.noShow, graceMinutes: figure(d.noShow.graceMinutes) },
    suspension: {
      ...d.suspension,
      count: figure(d.suspension.count),
      withinDays: figure(d.suspension.withinDays),
      suspendDays: figure(d.suspension.suspendDays),
    },
  }
}
