/** Who is calling. The host decides this; a renderer never says who it is. */
export const ROLES = ['admin', 'reception', 'doctor', 'display'] as const
export type Role = (typeof ROLES)[number]

/**
 * A caller on whose connection nobody is signed in: a LAN socket before login, or an Electron
 * window before login or while its screen is locked. It may call only the contract's `public`
 * methods (login, setup, status) and receives no events. Never listed in a method's roles.
 */
export const GUEST = 'guest' as const
export type CallerRole = Role | typeof GUEST

/**
 * The identity the host attaches to every call.
 * A doctor caller is bound to one doctor: it only sees that doctor's queue.
 */
export interface Caller {
  readonly role: CallerRole
  readonly doctorId?: number
  readonly staffId?: number
  /** For the audit log: "reception@desk-1", "admin", "doctor#3". */
  readonly label: string
}

/**
 * What an event's visibility may depend on: the role and, for a doctor, which doctor. Screens with
 * the same audience receive the same events, so the host decides once per audience and commit,
 * not once per window or socket (src/main/host/push.ts). A staff id or label must never matter.
 */
export type Audience = Pick<Caller, 'role' | 'doctorId'>
