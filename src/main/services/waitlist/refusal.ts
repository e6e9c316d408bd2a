import { AppError, type ErrorCode } from '../../../shared/errors'

/**
 * placeBooking's refusals that belong to the patient, not the band: the next in line may still fit.
 * POLICY_REFUSED is the booking policy (services/policy: age and sex limits, 爽约 suspension, the
 * booking limit, release and cut-offs), which placeBooking applies to a waitlist booking as to any
 * phone booking: a refused patient is passed over and keeps their place in line.
 */
const PATIENT_REFUSALS: ReadonlySet<ErrorCode> = new Set([
  'ALREADY_BOOKED',
  'PATIENT_MERGED',
  'POLICY_REFUSED',
])

/**
 * A refusal of the booking rules: NEXT when it is the patient's (the next in line may still fit),
 * NONE when it is the band's (taken, held by a desk, too close to its start: nobody gets it).
 */
export function refusal(e: unknown): 'NEXT' | 'NONE' {
  if (e instanceof AppError && PATIENT_REFUSALS.has(e.code)) return 'NEXT'
  if (e instanceof AppError) return 'NONE'
  throw e
}
