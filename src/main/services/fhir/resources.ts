import type { Appointment, Patient, Practitioner, Schedule, Slot } from '@medplum/fhirtypes'
import { fhirAppointmentStatus, fhirSlotStatus } from '../../../shared/fhir/status'
import { maskIdNumber } from '../../../shared/mask'
import { zonedInstant } from '../../../shared/clinic-time'

/**
 * Rows as the export reads them, and the FHIR R4 resource each becomes. Ids are the database's
 * own (live and archived rows keep theirs), so a second export of the same range names the same
 * resources and a receiver can update instead of duplicating.
 */

/** The identifier system of a resident ID number (居民身份证号): the clinic's own URN, documented in docs/REPORTS.md. */
export const ID_NUMBER_SYSTEM = 'urn:clinicdesk:resident-id-number'

export interface PatientRow {
  id: number
  name: string
  sex: string
  birth_date: string | null
  phone: string | null
  id_number: string | null
}
export interface DoctorRow {
  id: number
  name: string
  title: string
  active: number
}
export interface SlotRow {
  id: number
  doctor_id: number
  date: string
  start_time: string
  end_time: string
  quota: number
  booked: number
  status: string
}
export interface AppointmentRow {
  id: number
  slot_id: number
  doctor_id: number
  patient_id: number
  date: string
  start_time: string
  end_time: string
  status: string
  source: string
  cancel_reason: string | null
  created_at: string
}

const GENDER: Record<string, Patient['gender']> = { M: 'male', F: 'female', U: 'unknown' }

export function patientResource(row: PatientRow, fullIdNumbers: boolean): Patient {
  const idNumber = fullIdNumbers ? row.id_number : maskIdNumber(row.id_number)
  return {
    resourceType: 'Patient',
    id: String(row.id),
    ...(idNumber
      ? {
          identifier: [
            {
              use: 'official',
              type: { text: '居民身份证号' },
              system: ID_NUMBER_SYSTEM,
              value: idNumber,
            },
          ],
        }
      : {}),
    name: [{ text: row.name }],
    gender: GENDER[row.sex] ?? 'unknown',
    ...(row.birth_date ? { birthDate: row.birth_date } : {}),
    ...(row.phone ? { telecom: [{ system: 'phone', value: row.phone, use: 'mobile' }] } : {}),
  }
}

export function practitionerResource(row: DoctorRow): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: String(row.id),
    active: row.active === 1,
    name: [{ text: row.name, ...(row.title ? { suffix: [row.title] } : {}) }],
  }
}

/** One Schedule per doctor: the bands of the range are its Slots. */
export function scheduleResource(row: DoctorRow, from: string, to: string): Schedule {
  return {
    resourceType: 'Schedule',
    id: String(row.id),
    active: row.active === 1,
    actor: [{ reference: `Practitioner/${row.id}`, display: row.name }],
    planningHorizon: { start: from, end: to },
  }
}

export function slotResource(row: SlotRow, timeZone: string): Slot {
  return {
    resourceType: 'Slot',
    id: String(row.id),
    schedule: { reference: `Schedule/${row.doctor_id}` },
    status: fhirSlotStatus(row.status),
    start: zonedInstant(row.date, row.start_time, timeZone),
    end: zonedInstant(row.date, row.end_time, timeZone),
    // A band holds several patients (quota); FHIR's Slot is one, so the figures go in the comment.
    comment: `quota ${row.quota}, booked ${row.booked}`,
    ...(row.booked > row.quota ? { overbooked: true } : {}),
  }
}

export function appointmentResource(row: AppointmentRow, timeZone: string): Appointment {
  const status = fhirAppointmentStatus(row.status)
  return {
    resourceType: 'Appointment',
    id: String(row.id),
    status,
    ...(status === 'cancelled' && row.cancel_reason
      ? { cancelationReason: { text: row.cancel_reason } }
      : {}),
    appointmentType: { text: row.source },
    start: zonedInstant(row.date, row.start_time, timeZone),
    end: zonedInstant(row.date, row.end_time, timeZone),
    created: row.created_at,
    slot: [{ reference: `Slot/${row.slot_id}` }],
    participant: [
      { actor: { reference: `Patient/${row.patient_id}` }, status: 'accepted' },
      { actor: { reference: `Practitioner/${row.doctor_id}` }, status: 'accepted' },
    ],
  }
}
