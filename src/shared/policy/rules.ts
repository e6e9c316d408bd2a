import { z } from 'zod'

/**
 * The clinic's booking policy (issue 14): each rule has its own "enabled" switch, so a clinic
 * turns one off without losing its figures. Stored as the `bookingPolicy` settings row and read
 * from the settings cache once per booking. Where each default comes from: docs/POLICY.md.
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm')

/** Sessions by the band's start: before 12:00 morning, before 18:00 afternoon, else evening. */
export const SESSION_ENDS = { morning: '12:00', afternoon: '18:00', evening: '23:59' } as const
export type Session = keyof typeof SESSION_ENDS

export const sessionOf = (startTime: string): Session =>
  startTime < SESSION_ENDS.morning
    ? 'morning'
    : startTime < SESSION_ENDS.afternoon
      ? 'afternoon'
      : 'evening'

const Release = z.strictObject({
  enabled: z.boolean(),
  /** 放号: a band opens for phone booking this many days before its day… */
  daysAhead: z.number().int().min(0).max(180),
  /** …at this time of day (clinic's zone). */
  at: hhmm,
})

const Cutoff = z
  .strictObject({
    enabled: z.boolean(),
    /** Same-day phone bookings of each session stop at this time. */
    morning: hhmm,
    afternoon: hhmm,
    evening: hhmm,
  })
  .superRefine((c, ctx) => {
    // A cut-off after its session ends would never bite: refuse it on its own field.
    for (const s of ['morning', 'afternoon', 'evening'] as const) {
      if (c[s] > SESSION_ENDS[s])
        ctx.addIssue({
          code: 'custom',
          path: [s],
          message: `The ${s} cut-off must be at or before ${SESSION_ENDS[s]}, when that session ends.`,
        })
    }
  })

const CancelDeadline = z.strictObject({
  enabled: z.boolean(),
  /** A cancel later than this many hours before the band starts needs a reason and counts as late. */
  hoursBefore: z.number().int().min(0).max(168),
})

const MaxLive = z.strictObject({
  enabled: z.boolean(),
  /** Live future bookings one patient may hold at once. */
  limit: z.number().int().min(1).max(20),
})

export const DepartmentLimit = z.strictObject({
  /** The department's name as in the directory (儿科, 妇科…). */
  department: z.string().trim().min(1).max(50),
  /** Age in whole years on the band's day: at least minAge… */
  minAge: z.number().int().min(0).max(150).nullable(),
  /** …and below maxAgeBelow (儿科 < 14). */
  maxAgeBelow: z.number().int().min(1).max(150).nullable(),
  sex: z.enum(['M', 'F']).nullable(),
})
export type DepartmentLimit = z.infer<typeof DepartmentLimit>

const Departments = z.strictObject({
  enabled: z.boolean(),
  limits: z.array(DepartmentLimit).max(50),
})

const NoShow = z.strictObject({
  enabled: z.boolean(),
  /** A phone booking not checked in by band start + this many minutes becomes NO_SHOW. */
  graceMinutes: z.number().int().min(0).max(240),
})

const Suspension = z.strictObject({
  enabled: z.boolean(),
  /** 爽约: this many no-shows… */
  count: z.number().int().min(1).max(20),
  /** …within this many days… */
  withinDays: z.number().int().min(1).max(365),
  /** …suspend phone booking for this many days. */
  suspendDays: z.number().int().min(1).max(365),
  /** Whether late cancels count as 爽约 too. */
  countLateCancels: z.boolean(),
})

export const BookingPolicy = z.strictObject({
  release: Release,
  cutoff: Cutoff,
  cancelDeadline: CancelDeadline,
  maxLive: MaxLive,
  departments: Departments,
  noShow: NoShow,
  suspension: Suspension,
})
export type BookingPolicy = z.infer<typeof BookingPolicy>

export const DEFAULT_POLICY: BookingPolicy = {
  release: { enabled: true, daysAhead: 7, at: '07:00' },
  cutoff: { enabled: true, morning: '11:00', afternoon: '16:30', evening: '20:00' },
  cancelDeadline: { enabled: true, hoursBefore: 24 },
  maxLive: { enabled: true, limit: 3 },
  departments: {
    enabled: true,
    limits: [
      { department: '儿科', minAge: null, maxAgeBelow: 14, sex: null },
      { department: '妇科', minAge: null, maxAgeBelow: null, sex: 'F' },
      { department: '产科', minAge: null, maxAgeBelow: null, sex: 'F' },
    ],
  },
  noShow: { enabled: true, graceMinutes: 30 },
  suspension: { enabled: true, count: 3, withinDays: 90, suspendDays: 90, countLateCancels: true },
}

/**
 * What a clinic has before an admin opens the rules screen: the practice figures with every
 * switch off, so that an upgrade never starts refusing bookings the desk took yesterday.
 */
export const INITIAL_POLICY: BookingPolicy = {
  release: { ...DEFAULT_POLICY.release, enabled: false },
  cutoff: { ...DEFAULT_POLICY.cutoff, enabled: false },
  cancelDeadline: { ...DEFAULT_POLICY.cancelDeadline, enabled: false },
  maxLive: { ...DEFAULT_POLICY.maxLive, enabled: false },
  departments: { ...DEFAULT_POLICY.departments, enabled: false },
  noShow: { ...DEFAULT_POLICY.noShow, enabled: false },
  suspension: { ...DEFAULT_POLICY.suspension, enabled: false },
}
