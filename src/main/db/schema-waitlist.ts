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

export type WaitlistOfferStatus = 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'LAPSED'

/** 0017_waitlist_offers: a freed place held for an entry (候补待确认) in offer mode. */
export interface WaitlistOffersTable {
  id: Generated<number>
  entry_id: number
  slot_id: number
  hold_id: number
  deadline: string
  status: Generated<WaitlistOfferStatus>
  created_at: string
  ended_at: string | null
  ended_by: string | null
}

export interface WaitlistTables {
  waitlist: WaitlistTable
  waitlist_bands: WaitlistBandsTable
  waitlist_offers: WaitlistOffersTable
}
