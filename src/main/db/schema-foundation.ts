import type { Generated } from 'kysely'

/** Tables of 0001_init.sql. */
export interface SettingsTable {
  key: string
  value: string
}
export interface DepartmentsTable {
  id: Generated<number>
  name: string
  active: Generated<number>
  created_at: string
}
export interface RoomsTable {
  id: Generated<number>
  name: string
  active: Generated<number>
}
export interface DoctorsTable {
  id: Generated<number>
  name: string
  title: Generated<string>
  department_id: number
  room_id: number | null
  active: Generated<number>
  created_at: string
}
/** From 0006: one row per start of the host, numbering its revisions (host/change-epoch.ts). */
export interface ChangeEpochsTable {
  epoch: Generated<number>
  started_at: string
}
export interface AuditLogTable {
  id: Generated<number>
  at: string
  actor: string
  action: string
  entity: string
  entity_id: number | null
  before: string | null
  after: string | null
  /** From 0004: the acting staff account, and the hash chain (see db/audit-chain.ts). */
  staff_id: number | null
  prev_hash: string | null
  hash: string | null
}

export interface FoundationTables {
  settings: SettingsTable
  departments: DepartmentsTable
  rooms: RoomsTable
  doctors: DoctorsTable
  change_epochs: ChangeEpochsTable
  audit_log: AuditLogTable
}
