import { describe, expect, test } from 'vitest'
import { APPOINTMENT_STATUSES } from '../../src/shared/contract/appointments'
import { fhirAppointmentStatus, fhirSlotStatus, SLOT_STATUSES } from '../../src/shared/fhir/status'

/** DESIGN §4's life cycle against R4's Appointment.status and Slot.status, written out by hand. */
const APPOINTMENT: Record<string, string> = {
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
const SLOT: Record<string, string> = {
  AVAILABLE: 'free',
  BOOKED: 'busy',
  LOCKED: 'busy-tentative',
  CLOSED: 'busy-unavailable',
}

describe('FHIR status mapping', () => {
  test('every appointment status has a row here', () => {
    expect(Object.keys(APPOINTMENT).sort()).toEqual([...APPOINTMENT_STATUSES].sort())
  })
  test.each(Object.entries(APPOINTMENT))('appointment %s → %s', (ours, fhir) => {
    expect(fhirAppointmentStatus(ours)).toBe(fhir)
  })
  test.each(Object.entries(SLOT))('slot %s → %s', (ours, fhir) => {
    expect(fhirSlotStatus(ours)).toBe(fhir)
  })
  test('every slot status has a row here', () => {
    expect(Object.keys(SLOT).sort()).toEqual([...SLOT_STATUSES].sort())
  })
  test('an unknown status is entered-in-error, not dropped', () => {
    expect(fhirAppointmentStatus('LOST')).toBe('entered-in-error')
    expect(fhirSlotStatus('LOST')).toBe('entered-in-error')
  })
})
