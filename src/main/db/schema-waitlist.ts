import type { Generated } from 'kysely'

export type WaitlistStatus = 'WAITING' | 'BOOKED' | 'CANCELED' | 'EXPIRED'

/** Tables of the waitlist migration (候补): one row per entry, and its preferred bands. */
export interface WaitlistTable {
  id: Generated<number>
  patient_id: number
  doctor_id: number
  date: string
  phone: string
  any_band: 0 | 1
  expires_at: string
  status: Generated<WaitlistStatus>
  appointment_id: number | null
  cancel_reason: string | null
  created_by: string
  created_at: string
  ended_at: string | null
  called_back_at: string | null
  called_back_by: string | null
}

export interface WaitlistBandsTable {
  entry_id: number
  slot_id: number
}

export interface WaitlistTables {
  waitlist: WaitlistTable
  waitlist_bands: WaitlistBandsTable
}
