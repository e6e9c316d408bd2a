import { errorSentencesEn } from './error-sentences/en'
import type { FieldReason } from './field-reason'

/**
 * Expected failures travel as values with a code: an Error loses its type across IPC.
 * Each code has a sentence in every language (src/shared/error-sentences/, typed by this list);
 * the English one is the host's default message, the screens show their own language's.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNKNOWN_METHOD',
  'CONFLICT',
  'STALE',
  'SLOT_TAKEN',
  'SLOT_CLOSED',
  'SLOT_IN_PAST',
  'SLOT_HELD',
  'OUT_OF_HORIZON',
  'ALREADY_BOOKED',
  'HOLD_EXPIRED',
  'NO_PLACES',
  'ILLEGAL_TRANSITION',
  'DUPLICATE_PATIENT',
  'UNAUTHENTICATED',
  'BAD_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'WRONG_SCREEN',
  // A patient record that was merged into another (patients.merge); details.mergedInto names it.
  'PATIENT_MERGED',
  // Issue 14: the clinic's booking policy refuses this phone booking; details.rule names the rule
  // (NOT_RELEASED, CUT_OFF, MAX_LIVE, AGE_LIMIT, NO_BIRTH_DATE, SEX_LIMIT, SUSPENDED) with its figures.
  'POLICY_REFUSED',
  'INTERNAL',
  'UNDO_EXPIRED',
  // 候补: the doctor-day (or the bands asked for) still has a place: book it instead of waiting.
  'NOT_FULL',
  // 候补: the patient is already in line for this doctor-day; details.entryId names the entry.
  'ALREADY_WAITING',
  // Issue 17 (money): the appointment already has a standing payment; details.paymentId names it.
  'ALREADY_PAID',
  // A refund larger than what the payment still holds; details.heldFen says how much that is.
  'REFUND_EXCEEDS_PAID',
  // The shift is closed: nothing more goes into it, and it cannot be closed again.
  'SHIFT_CLOSED',
  // The caller already has an open shift; details.shiftId names it.
  'SHIFT_OPEN',
  // An export's file is gone: downloaded already, discarded, or kept past EXPORT_KEEP_MS.
  'EXPORT_EXPIRED',
  // Made by the client, never by the host: the link dropped before the answer came. Retryable:
  // a call with an idempotency key may be sent again with the same key and books at most once.
  'DISCONNECTED',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppErrorShape {
  readonly code: ErrorCode
  readonly message: string
  /** The input path at fault, for INVALID_INPUT ("patient.phone"). */
  readonly field?: string
  /** Why that field was refused (too short, pattern, checksum…): the screens word it per field. */
  readonly reason?: FieldReason
  readonly details?: Record<string, unknown>
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorShape }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

export function fail(
  code: ErrorCode,
  extra: Partial<Omit<AppErrorShape, 'code'>> = {},
): { ok: false; error: AppErrorShape } {
  return { ok: false, error: { code, message: extra.message ?? errorSentencesEn[code], ...extra } }
}

/**
 * Thrown inside the host (never across a transport) so that a write transaction rolls back;
 * the dispatcher turns it into a failed Result.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  readonly reason?: FieldReason
  readonly details?: Record<string, unknown>
  constructor(
    code: ErrorCode,
    opts: {
      message?: string
      field?: string
      reason?: FieldReason
      details?: Record<string, unknown>
    } = {},
  ) {
    super(opts.message ?? errorSentencesEn[code])
    this.code = code
    this.field = opts.field
    this.reason = opts.reason
    this.details = opts.details
  }
  toShape(): AppErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.details ? { details: this.details } : {}),
    }
  }
}
