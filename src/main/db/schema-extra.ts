import type { Generated } from 'kysely'

/** The table of 0009_extra_places.sql: one row per 加号 step. */
export interface ExtraPlacesTable {
  id: Generated<number>
  slot_id: number
  doctor_id: number
  date: string
  start_time: string
  count: number
  agreed_by: number
  reason: string
  appointment_id: number | null
  idempotency_key: string
  created_by: string
  created_at: string
}

export interface ExtraTables {
  extra_places: ExtraPlacesTable
}
