/** Who is calling. The host decides this; a renderer never says who it is. */
export const ROLES = ['admin', 'reception', 'doctor', 'display'] as const
export type Role = (typeof ROLES)[number]

/**
 * The identity the host attaches to every call.
 * A doctor caller is bound to one doctor: it only sees that doctor's queue.
 */
export interface Caller {
  readonly role: Role
  readonly doctorId?: number
  readonly staffId?: number
  /** For the audit log: "reception@desk-1", "admin", "doctor#3". */
  readonly label: string
}
