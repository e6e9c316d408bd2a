import type { Generated } from 'kysely'

/** Tables of 0004_staff_audit.sql (audit_log's new columns are declared with the table in schema-foundation.ts). */
export interface StaffTable {
  id: Generated<number>
  name: string
  username: string
  role: 'admin' | 'reception' | 'doctor'
  doctor_id: number | null
  secret_kind: 'password' | 'pin'
  secret_hash: string
  active: Generated<number>
  failed_attempts: Generated<number>
  locked_until: string | null
  last_login_at: string | null
  created_at: string
}

export interface StaffSessionsTable {
  token_hash: string
  staff_id: number
  role: string
  created_at: string
  expires_at: string
}

/** Tables of 0007_signin_limits.sql. */
export interface SigninComputersTable {
  address: string
  failures: number
  delayed_until: string | null
  last_failure_at: string
}

export interface StaffDevicesTable {
  id: Generated<number>
  token_hash: string
  staff_id: number
  created_at: string
  last_used_at: string
  failures: Generated<number>
  delayed_until: string | null
  last_failure_at: string | null
}

export interface AuthTables {
  staff: StaffTable
  staff_sessions: StaffSessionsTable
  signin_computers: SigninComputersTable
  staff_devices: StaffDevicesTable
}
