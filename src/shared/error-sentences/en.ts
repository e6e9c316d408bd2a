import type { ErrorCode } from '../errors'

/**
 * English: the host's default message for each code (docs/API.md lists them) and what the
 * English screens show. Typed by the code list, so a new code without a sentence does not compile.
 */
export const errorSentencesEn: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Some input is not valid. Please check and try again.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'That record no longer exists.',
  UNKNOWN_METHOD: 'The host does not understand this request. Please update ClinicDesk.',
  CONFLICT: 'A record with that name already exists.',
  STALE: 'Someone else changed this meanwhile. Please look again.',
  SLOT_TAKEN: 'Too slow — that time band was just taken!',
  SLOT_CLOSED: 'That time band is closed (doctor off).',
  SLOT_IN_PAST: 'That time band is already over.',
  SLOT_HELD: 'Another desk is holding the last place in that band.',
  OUT_OF_HORIZON: 'That day is beyond the booking horizon.',
  ALREADY_BOOKED: 'The patient already has a booking with this doctor that day.',
  HOLD_EXPIRED: 'The hold expired. Please pick the band again.',
  NO_PLACES: 'No places are left today.',
  ILLEGAL_TRANSITION: 'That step is not possible in the current state.',
  DUPLICATE_PATIENT: 'A patient with the same details already exists.',
  UNAUTHENTICATED: 'Please sign in first.',
  BAD_CREDENTIALS: 'The user name or password is not right.',
  ACCOUNT_LOCKED: 'Too many wrong attempts for this account: wait a little, then try again.',
  RATE_LIMITED: 'Too many wrong sign-in attempts from here. Wait a little, then try again.',
  WRONG_SCREEN: 'This account may not use this screen.',
  PATIENT_MERGED: 'This patient record was merged into another one: use that record.',
  POLICY_REFUSED:
    "The clinic's booking rules do not allow this booking (not yet released, past the cut-off, a limit, or a suspension).",
  INTERNAL: 'Something went wrong on the host. Nothing was changed.',
  UNDO_EXPIRED:
    'That can no longer be undone: the time is up, or something else happened since. Re-check the patient in instead.',
  NOT_FULL: 'There is still a free place: book it instead of putting the patient on the waitlist.',
  ALREADY_PAID: 'This appointment is already paid.',
  REFUND_EXCEEDS_PAID: 'A refund cannot be more than what was paid and not yet refunded.',
  SHIFT_CLOSED: 'That shift is already closed.',
  SHIFT_OPEN: 'You already have an open shift: close it before opening another.',
  ALREADY_WAITING: 'The patient is already on the waitlist for this doctor that day.',
  EXPORT_EXPIRED:
    'That export file is no longer on the host (downloaded already, or kept too long): export it again.',
  DISCONNECTED:
    'The connection dropped before the host answered. Once it is back, check the screen before trying again.',
}
