import { z } from 'zod'
import { ROLES } from '../roles'
import { method } from './define'
import { id, name } from './fields'
import { StaffRole } from './staff'

/** Who is signed in on this window or socket. */
export const SignedInUser = z.object({
  staffId: id,
  name,
  username: z.string(),
  role: StaffRole,
  doctorId: id.nullable(),
  secretKind: z.enum(['password', 'pin']),
})
export type SignedInUser = z.infer<typeof SignedInUser>

/** What a screen needs to know before showing anything: set up yet? signed in? locked? */
export const AuthStatus = z.object({
  /** No account exists yet: show the first-run setup. */
  setupNeeded: z.boolean(),
  state: z.enum(['signed-out', 'signed-in', 'locked']),
  /** The signed-in user, or the one whose screen is locked. */
  user: SignedInUser.nullable(),
  /** The role this connection acts as now (null while signed out or locked). */
  role: z.enum(ROLES).nullable(),
  doctorId: id.nullable(),
  /** Electron: the screen the host opened this window as; null for a browser. */
  screen: z.object({ role: z.enum(ROLES), doctorId: id.nullable() }).nullable(),
  idleLockMinutes: z.number().int(),
  displayWithoutLogin: z.boolean(),
  clinicName: z.string(),
  /**
   * Browser mode, in the answer to a sign-in or unlock only: a secret the page keeps in memory and
   * passes to auth.resume after a reconnect, so a network blip does not sign the user out.
   */
  resumeToken: z.string().nullable(),
  /**
   * In the answer to the first sign-in of an account from this browser or window: a secret the
   * page keeps (localStorage, per user name) and sends with later sign-ins of that account, so
   * its right secret is never held up by delays that someone else's wrong guesses caused.
   */
  deviceToken: z.string().nullable(),
})
export type AuthStatus = z.infer<typeof AuthStatus>

/** Any secret offered at sign-in: only capped, so the policy is not revealed to a guesser. */
const secret = z.string().min(1).max(128)
/** The deviceToken of an earlier sign-in of this account from here (see AuthStatus). */
const deviceToken = z.string().min(1).max(200).optional()
const loginInput = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(32),
  secret,
  /** Browser mode: open the waiting-room display as this user (any account may); otherwise the user's own screen. */
  screen: z.enum(['display']).optional(),
  deviceToken,
})

/**
 * Sign-in, idle lock and user switch. All are public (a caller nobody signed in on may call them);
 * each binds or unbinds the user on the calling window or socket only.
 */
export const authMethods = {
  'auth.status': method({
    summary:
      'Whether the clinic is set up, and who (if anyone) is signed in on this window or socket.',
    input: z.strictObject({}),
    result: AuthStatus,
    roles: ['admin', 'reception', 'doctor', 'display'],
    public: true,
  }),
  'auth.login': method({
    summary:
      "Signs a user in on this window or socket. After 5 wrong secrets for an account (10 from one computer) each further one delays the next attempt there, 30 s doubling up to 15 minutes (ACCOUNT_LOCKED or RATE_LIMITED, with secondsLeft); with the deviceToken of an earlier sign-in of this account only that device's own count applies. In Electron the account must fit the window (a doctor account only its own doctor window).",
    input: loginInput,
    result: AuthStatus,
    roles: ['admin', 'reception', 'doctor', 'display'],
    public: true,
  }),
  'auth.switchUser': method({
    summary:
      'Quick user switch at a shared desk: the current user is signed out and another signed in, in one step.',
    input: loginInput,
    result: AuthStatus,
    roles: ['admin', 'reception', 'doctor', 'display'],
    public: true,
  }),
  'auth.logout': method({
    summary:
      'Signs out whoever is signed in (or locked) on this window or socket, and ends the resume token if given.',
    input: z.strictObject({ resumeToken: z.string().max(200).optional() }),
    result: AuthStatus,
    roles: ['admin', 'reception', 'doctor', 'display'],
    public: true,
  }),
  'auth.lock': method({
    summary:
      'Locks this screen (idle lock): nothing but unlock, switch user or sign-out works until the PIN or password is given again.',
    input: z.strictObject({}),
    result: AuthStatus,
    roles: ['admin', 'reception', 'doctor'],
  }),
  'auth.unlock': method({
    summary:
      "Unlocks this screen with the locked user's own secret (counts toward the lockout like a sign-in).",
    input: z.strictObject({ secret, deviceToken }),
    result: AuthStatus,
    roles: ['admin', 'reception', 'doctor', 'display'],
    public: true,
  }),
  'auth.openDisplay': method({
    summary:
      "Opens the waiting-room display's masked feed without a user: only when settings.displayWithoutLogin is on.",
    input: z.strictObject({}),
    result: AuthStatus,
    roles: ['admin', 'reception', 'doctor', 'display'],
    public: true,
  }),
  'auth.resume': method({
    summary:
      'After a reconnect: signs this socket in again with the resumeToken of an earlier sign-in (UNAUTHENTICATED when expired or revoked).',
    input: z.strictObject({ token: z.string().min(1).max(200) }),
    result: AuthStatus,
    roles: ['admin', 'reception', 'doctor', 'display'],
    public: true,
  }),
  'auth.changeSecret': method({
    summary:
      'The signed-in user changes their own password or PIN, giving the current one. The new one follows the same rules as staff.create (INVALID_INPUT on next, with details.problem).',
    input: z.strictObject({ current: secret, next: z.string().max(128), deviceToken }),
    result: z.object({}),
    roles: ['admin', 'reception', 'doctor'],
  }),
}
