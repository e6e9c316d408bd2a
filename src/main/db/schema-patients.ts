import type { Generated } from 'kysely'

/** Tables of 0002_patients.sql. */
export interface PatientsTable {
  id: Generated<number>
  name: string
  sex: 'M' | 'F' | 'U'
  birth_date: string | null
  phone: string | null
  id_number: string | null
  note: Generated<string>
  pinyin: Generated<string>
  initials: Generated<string>
  created_at: string
  updated_at: string
}

export interface PatientTables {
  patients: PatientsTable
}
