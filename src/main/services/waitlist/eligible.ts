import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema'
import type { PlaceEnv } from '../appointments/place'

/** Who is asking for the place: a waiting entry's patient, for one band. */
export interface PlaceAsk {
  readonly patientId: number
  readonly slotId: number
  readonly doctorId: number
  readonly date: string
}

/**
 * Whether this waiting patient may have this place. The policy rules join here (issue 14's
 * release, cut-off, age, sex and suspension rules, src/main/services/policy/, wired at merge):
 * a patient they refuse is passed over and keeps their place in line. The booking rules
 * themselves (one per doctor-day, merged records, notice) are placeBooking's, asked when booking.
 */
export async function isEligibleForPlace(
  _tx: Transaction<DB>,
  _ask: PlaceAsk,
  _env: PlaceEnv,
): Promise<boolean> {
  return true
}
