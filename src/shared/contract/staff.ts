import { z } from 'zod'
import { event, method } from './define'
import { id, instant, name } from './fields'
import { PIN_PATTERN, SECRET_PROBLEM_MESSAGES, secretProblem } from './secret-policy'

export { PIN_PATTERN }

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

/**
 * A new password or PIN as far as it can be judged alone (see secret-policy.ts): the rules that
 * need the account (its user name, an admin's longer password) are checked by `secretFitsAccount`
 * where the account is known, and by the host where only its id is given.
 */
export const newSecret = z
  .string()
  .max(128)
  .superRefine((s, ctx) => {
    const problem = secretProblem(s)
    if (problem) ctx.addIssue({ code: 'custom', message: SECRET_PROBLEM_MESSAGES[problem] })
  })

/** Refines an object holding an account's username, role and new secret: the whole policy. */
export const secretFitsAccount = (
  v: { username: string; role: string; secret: string },
  ctx: z.RefinementCtx,
): void => {
  const problem = secretProblem(v.secret, v)
  if (problem)
    ctx.addIssue({ code: 'custom', message: SECRET_PROBLEM_MESSAGES[problem], path: ['secret'] })
}

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

/** What a sign-in delay counts against: an account, a computer, or a device that signed in before. */
export const SIGNIN_LIMIT_KINDS = ['account', 'computer', 'device'] as const
/** "account:<staff id>", "computer:<address>" or "device:<id>": one limit, as the admin clears it. */
export const SigninLimitKey = z
  .string()
  .max(120)
  .regex(
    /^(account:\d{1,12}|computer:[\w.:%[\]-]{1,100}|device:\d{1,12})$/,
    'a key from staff.signinLimits',
  )

export const SigninLimit = z.object({
  key: SigninLimitKey,
  kind: z.enum(SIGNIN_LIMIT_KINDS),
  /** The account it concerns (account and device limits); null for a computer. */
  staffId: id.nullable(),
  /** The user name (account, device) or the remote address (computer), to show. */
  subject: z.string(),
  /** Wrong attempts counted (a correct sign-in from there, or a quiet hour for a computer, resets it). */
  failures: z.number().int(),
  /** Until then a sign-in there is refused unchecked (RATE_LIMITED or ACCOUNT_LOCKED); null when not delayed now. */
  delayedUntil: instant.nullable(),
  lastFailureAt: instant.nullable(),
})
export type SigninLimit = z.infer<typeof SigninLimit>

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
      'Adds an account with a password (≥ 8 characters; ≥ 10 and no PIN for an admin) or a 6-digit PIN, never a trivial one (123456, repeated or sequential characters, the user name). A doctor account is bound to one doctor.',
    input: z
      .strictObject({
        name,
        username,
        role: StaffRole,
        doctorId: id.nullable().default(null),
        secret: newSecret,
      })
      .refine(roleAndDoctor, doctorRule)
      .superRefine(secretFitsAccount),
    result: StaffAccount,
    roles: ['admin'],
  }),
  'staff.update': method({
    summary:
      "Changes an account's name, role, doctor or active flag. The last active admin cannot be removed or demoted; making an account an admin needs a new admin password (secret) in the same call.",
    input: z
      .strictObject({
        id,
        name: name.optional(),
        role: StaffRole.optional(),
        doctorId: id.nullable().optional(),
        active: z.boolean().optional(),
        /** Required when the account becomes an admin: its PIN or short password would not do. */
        secret: newSecret.optional(),
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
      "Sets a new password or PIN for an account (e.g. a forgotten one) and clears its sign-in delay. The account's user name and role are checked too (an admin needs a password of ≥ 10 characters).",
    input: z.strictObject({ id, secret: newSecret }),
    result: StaffAccount,
    roles: ['admin'],
  }),
  'staff.unlock': method({
    summary:
      "Lifts an account's sign-in delay after wrong attempts (the same as clearing its limit).",
    input: z.strictObject({ id }),
    result: StaffAccount,
    roles: ['admin'],
  }),
  'staff.signinLimits': method({
    summary:
      'Every sign-in delay now counting: per account, per computer (remote address) and per known device, with the wrong attempts behind it. Delays grow with each wrong attempt; a device that signed in to that account before is never held up by the account or computer delay.',
    input: z.strictObject({}),
    result: z.array(SigninLimit),
    roles: ['admin'],
  }),
  'staff.clearSigninLimit': method({
    summary:
      'Forgets the wrong attempts behind one limit (by its key from staff.signinLimits), so sign-in is not delayed there any more. Audited; NOT_FOUND when it is already gone.',
    input: z.strictObject({ key: SigninLimitKey }),
    result: z.object({}),
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
