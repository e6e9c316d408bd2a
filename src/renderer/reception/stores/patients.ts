import type { MethodInput, Patient, PatientHit } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { bridge } from '../../api/bridge'

/** The desk's patient search: best matches first (name, pinyin initials, phone, its last 4, ID number). */
export const searchPatients = (q: string, limit = 8): Promise<Result<PatientHit[]>> =>
  bridge.call('patients.search', { q, limit })

/**
 * Quick registration. DUPLICATE_PATIENT carries the look-alikes in details.matches; sending again
 * with acceptDuplicate registers anyway.
 */
export const registerPatient = (
  input: MethodInput<'patients.register'>,
): Promise<Result<Patient>> => bridge.call('patients.register', input)
