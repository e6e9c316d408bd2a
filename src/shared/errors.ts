/**
 * Expected failures travel as values with a code: an Error loses its type across IPC.
 * Each code has a default English sentence; the UI shows its own translation.
 */
export const ERROR_MESSAGES = {
  INVALID_INPUT: 'Some input is missing or not valid.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'It no longer exists.',
  UNKNOWN_METHOD: 'The host does not know this request.',
  CONFLICT: 'It already exists.',
  STALE: 'Someone else changed this meanwhile; look again.',
  SLOT_TAKEN: 'That time band was just taken.',
  SLOT_CLOSED: 'That time band is closed.',
  SLOT_IN_PAST: 'That time band is already over.',
  SLOT_HELD: 'Another desk is holding the last place in that band.',
  OUT_OF_HORIZON: 'That day is too far ahead to book.',
  ALREADY_BOOKED: 'The patient already has a booking with this doctor that day.',
  HOLD_EXPIRED: 'The hold on that band expired.',
  NO_PLACES: 'No places are left today.',
  ILLEGAL_TRANSITION: 'That step is not possible in the current state.',
  DUPLICATE_PATIENT: 'A patient with the same details already exists.',
  UNAUTHENTICATED: 'Please sign in first.',
  BAD_CREDENTIALS: 'The user name or password is not right.',
  ACCOUNT_LOCKED: 'Too many wrong attempts: this account is locked for a while.',
  RATE_LIMITED: 'Too many wrong sign-in attempts from here; wait a little, then try again.',
  WRONG_SCREEN: 'This account may not use this screen.',
  INTERNAL: 'Something went wrong on the host. Nothing was changed.',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export interface AppErrorShape {
  readonly code: ErrorCode
  readonly message: string
  /** The input path at fault, for INVALID_INPUT ("patient.phone"). */
  readonly field?: string
  readonly details?: Record<string, unknown>
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorShape }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

export function fail(
  code: ErrorCode,
  extra: Partial<Omit<AppErrorShape, 'code'>> = {},
): { ok: false; error: AppErrorShape } {
  return { ok: false, error: { code, message: extra.message ?? ERROR_MESSAGES[code], ...extra } }
}

/**
 * Thrown inside the host (never across a transport) so that a write transaction rolls back;
 * the dispatcher turns it into a failed Result.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  readonly details?: Record<string, unknown>
  constructor(
    code: ErrorCode,
    opts: { message?: string; field?: string; details?: Record<string, unknown> } = {},
  ) {
    super(opts.message ?? ERROR_MESSAGES[code])
    this.code = code
    this.field = opts.field
    this.details = opts.details
  }
  toShape(): AppErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.details ? { details: this.details } : {}),
    }
  }
}
