import { z } from 'zod'
import { event, method } from './define'
import { id, instant, name } from './fields'

/** The roles a person's account can have. The display is a screen, not a person: it has no accounts. */
export const STAFF_ROLES = ['admin', 'reception', 'doctor'] as const
export const StaffRole = z.enum(STAFF_ROLES)
export type StaffRole = z.infer<typeof StaffRole>

/**
 * Lower-case letters, digits, dot, dash, underscore: easy to type on any keyboard layout. Checked as
 * sent, not trimmed or lower-cased first: "Upper.Case" was stored as "upper.case", a name nobody
 * typed, against the pattern docs/API.md shows. Sign-in still lower-cases what is typed.
 */
export const username = z
  .string()
  .regex(/^[a-z0-9._-]{2,32}$/, '2–32 lower-case letters, digits, ".", "-" or "_"')

/** A PIN is exactly 6 digits; anything else is a password of at least 8 characters. */
export const PIN_PATTERN = /^\d{6}$/
export const newSecret = z
  .string()
  .max(128)
  .refine(
    (s) => PIN_PATTERN.test(s) || (s.length >= 8 && !/^\d+$/.test(s)),
    'a password of at least 8 characters (not only digits) or a PIN of 6 digits',
  )

/** What the host tells about an account: never its hash or salt. */
export const StaffAccount = z.object({
  id,
  name,
  username: z.string(),
  role: StaffRole,
  /** Set for, and only for, a doctor account: the doctor whose queue it sees. */
  doctorId: id.nullable(),
  secretKind: z.enum(['password', 'pin']),
  active: z.boolean(),
  failedAttempts: z.number().int(),
  /** While set and in the future, sign-in is refused. */
  lockedUntil: instant.nullable(),
  lastLoginAt: instant.nullable(),
  createdAt: instant,
})
export type StaffAccount = z.infer<typeof StaffAccount>

const roleAndDoctor = <T extends { role?: StaffRole; doctorId?: number | null }>(v: T): boolean =>
  v.role === undefined ||
  (v.role === 'doctor') === (v.doctorId !== undefined && v.doctorId !== null)
const doctorRule = {
  message: 'a doctor account needs doctorId, other roles must not have one',
  path: ['doctorId'],
}

/** Staff accounts: admin only. Changes are audited like any other. */
export const staffMethods = {
  'staff.list': method({
    summary: 'Every staff account, active ones first.',
    input: z.strictObject({}),
    result: z.array(StaffAccount),
    roles: ['admin'],
  }),
  'staff.create': method({
    summary:
      'Adds an account with a password (≥ 8 characters) or a 6-digit PIN. A doctor account is bound to one doctor.',
    input: z
      .strictObject({
        name,
        username,
        role: StaffRole,
        doctorId: id.nullable().default(null),
        secret: newSecret,
      })
      .refine(roleAndDoctor, doctorRule),
    result: StaffAccount,
    roles: ['admin'],
  }),
  'staff.update': method({
    summary:
      "Changes an account's name, role, doctor or active flag. The last active admin cannot be removed or demoted.",
    input: z
      .strictObject({
        id,
        name: name.optional(),
        role: StaffRole.optional(),
        doctorId: id.nullable().optional(),
        active: z.boolean().optional(),
      })
      .refine((v) => v.role !== undefined || v.doctorId === undefined, {
        message: 'give role together with doctorId',
        path: ['role'],
      })
      .refine(roleAndDoctor, doctorRule),
    result: StaffAccount,
    roles: ['admin'],
  }),
  'staff.resetSecret': method({
    summary:
      'Sets a new password or PIN for an account (e.g. a forgotten one) and clears its lockout.',
    input: z.strictObject({ id, secret: newSecret }),
    result: StaffAccount,
    roles: ['admin'],
  }),
  'staff.unlock': method({
    summary: 'Lifts a lockout after too many wrong attempts.',
    input: z.strictObject({ id }),
    result: StaffAccount,
    roles: ['admin'],
  }),
}

export const staffEvents = {
  'staff.changed': event({
    summary:
      'An account was added or changed (also a lockout); the admin list re-reads staff.list.',
    /** signOut: the host signs these accounts out everywhere (deactivated, role or secret changed). */
    payload: z.object({ staffIds: z.array(id), signOut: z.boolean() }),
    roles: ['admin'],
  }),
}
