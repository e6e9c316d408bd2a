import type { Appointment, Slot } from '@medplum/fhirtypes'
import type { AppointmentStatus } from '../contract/appointments'

/**
 * Our appointment life cycle (DESIGN §4) as FHIR R4 Appointment.status. R4 has no "in the room"
 * status (that is the Encounter's): CALLED and IN_PROGRESS are `checked-in` ("the encounter may
 * begin"); CHECKED_IN and SKIPPED (过号, back in line) are `arrived` ("waiting to be seen").
 * The Record makes the table complete: a status added to the contract fails to type-check here.
 */
export const FHIR_APPOINTMENT_STATUS: Record<
  AppointmentStatus,
  NonNullable<Appointment['status']>
> = {
  PENDING: 'pending',
  CONFIRMED: 'booked',
  CHECKED_IN: 'arrived',
  CALLED: 'checked-in',
  IN_PROGRESS: 'checked-in',
  SKIPPED: 'arrived',
  COMPLETED: 'fulfilled',
  NO_SHOW: 'noshow',
  CANCELED: 'cancelled',
}

/** The band statuses the seed names (DESIGN §4) as FHIR R4 Slot.status. */
export const SLOT_STATUSES = ['AVAILABLE', 'BOOKED', 'LOCKED', 'CLOSED'] as const
export type SlotStatus = (typeof SLOT_STATUSES)[number]

export const FHIR_SLOT_STATUS: Record<SlotStatus, NonNullable<Slot['status']>> = {
  AVAILABLE: 'free',
  BOOKED: 'busy',
  // Held for a moment while a receptionist finishes a call: the hold may still lapse.
  LOCKED: 'busy-tentative',
  // The doctor is off (停诊, a closed day).
  CLOSED: 'busy-unavailable',
}

/** An unknown status (a row older than the CHECK) is exported as entered-in-error, not dropped. */
export const fhirAppointmentStatus = (status: string): NonNullable<Appointment['status']> =>
  FHIR_APPOINTMENT_STATUS[status as AppointmentStatus] ?? 'entered-in-error'

export const fhirSlotStatus = (status: string): NonNullable<Slot['status']> =>
  FHIR_SLOT_STATUS[status as SlotStatus] ?? 'entered-in-error'
