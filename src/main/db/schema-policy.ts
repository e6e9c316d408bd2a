import type { Generated } from 'kysely'

/** 0015_policy_records: an admin's lift of a patient's 爽约 suspension (issue 14). */
export interface SuspensionLiftsTable {
  id: Generated<number>
  patient_id: number
  /** The clinic day of the lift: 爽约 up to it no longer count. */
  lifted_on: string
  reason: string
  lifted_by: string
  created_at: string
}

export interface PolicyTables {
  suspension_lifts: SuspensionLiftsTable
}
