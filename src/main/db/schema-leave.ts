import type { Generated } from 'kysely'

/** Tables of 0008_leave.sql. */
export interface LeavesTable {
  id: Generated<number>
  doctor_id: number
  from_date: string
  to_date: string
  session: 'ALL' | 'AM' | 'PM'
  reason: string
  state: Generated<'ACTIVE' | 'REOPENED'>
  created_by: string
  created_at: string
  reopened_by: string | null
  reopened_at: string | null
}

export interface LeaveBandsTable {
  leave_id: number
  slot_id: number
  closed: 0 | 1
  previous_status: 'AVAILABLE' | 'BOOKED' | null
  previous_booked: number | null
}

export interface LeaveAppointmentsTable {
  leave_id: number
  appointment_id: number
}

export interface LeaveTables {
  leaves: LeavesTable
  leave_bands: LeaveBandsTable
  leave_appointments: LeaveAppointmentsTable
}
