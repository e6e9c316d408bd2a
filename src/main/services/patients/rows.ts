import type { Patient, PatientHit } from '../../../shared/contract'
import { maskIdNumber } from '../../../shared/id-number'

/** The columns a Patient is made of. */
export const PATIENT_COLUMNS = [
  'id',
  'name',
  'sex',
  'birth_date',
  'phone',
  'id_number',
  'note',
  'created_at',
] as const

export interface PatientRow {
  readonly id: number
  readonly name: string
  readonly sex: Patient['sex']
  readonly birth_date: string | null
  readonly phone: string | null
  readonly id_number: string | null
  readonly note: string
  readonly created_at: string
}

export const toPatient = (r: PatientRow): Patient => ({
  id: r.id,
  name: r.name,
  sex: r.sex,
  birthDate: r.birth_date,
  phone: r.phone,
  idNumber: r.id_number,
  note: r.note,
  createdAt: r.created_at,
})

/** What a search shows: the ID number never leaves the host unmasked here. */
export const toHit = (r: Omit<PatientRow, 'note' | 'created_at'>): PatientHit => ({
  id: r.id,
  name: r.name,
  sex: r.sex,
  birthDate: r.birth_date,
  phone: r.phone,
  idNumberMasked: maskIdNumber(r.id_number),
})
