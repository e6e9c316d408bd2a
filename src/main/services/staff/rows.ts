import type { StaffAccount } from '../../../shared/contract'
import type { ReadDb } from '../../db/write'

/** The staff columns the services read: never the hash outside auth. */
export const STAFF_COLUMNS = [
  'id',
  'name',
  'username',
  'role',
  'doctor_id',
  'secret_kind',
  'active',
  'failed_attempts',
  'locked_until',
  'last_login_at',
  'created_at',
] as const

export type StaffRow = {
  id: number
  name: string
  username: string
  role: 'admin' | 'reception' | 'doctor'
  doctor_id: number | null
  secret_kind: 'password' | 'pin'
  active: number
  failed_attempts: number
  locked_until: string | null
  last_login_at: string | null
  created_at: string
}

export const staffRows = (db: ReadDb) => db.selectFrom('staff').select(STAFF_COLUMNS)

export const toStaffAccount = (r: StaffRow): StaffAccount => ({
  id: r.id,
  name: r.name,
  username: r.username,
  role: r.role,
  doctorId: r.doctor_id,
  secretKind: r.secret_kind,
  active: r.active === 1,
  failedAttempts: r.failed_attempts,
  lockedUntil: r.locked_until,
  lastLoginAt: r.last_login_at,
  createdAt: r.created_at,
})
