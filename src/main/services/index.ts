import { appointmentHandlers } from './appointments'
import { auditHandlers } from './audit'
import { authHandlers } from './auth'
import { backupHandlers } from './backup'
import type { Handlers } from './context'
import { directoryHandlers } from './directory'
import { leaveHandlers } from './leave'
import { feeHandlers } from './fees'
import { paymentHandlers } from './payments'
import { extraHandlers } from './extra'
import { waitlistHandlers } from './waitlist'
import { patientHandlers } from './patients'
import { patientCardHandlers } from './patients/card'
import { reportHandlers } from './reports'
import { exportHandlers } from './exports'
import { fhirHandlers } from './fhir'
import { patientMergeHandlers } from './patients/merge'
import { displayHandlers, queueHandlers } from './queue'
import { scheduleHandlers } from './schedules'
import { sessionHandlers } from './session'
import { settingsHandlers } from './settings'
import { policyHandlers } from './policy'
import { setupHandlers } from './setup'
import { staffHandlers } from './staff'

/** Every contract method's handler; the type refuses a method left without one. */
export const handlers = {
  ...sessionHandlers,
  ...settingsHandlers,
  ...directoryHandlers,
  ...patientHandlers,
  ...patientCardHandlers,
  ...scheduleHandlers,
  ...appointmentHandlers,
  ...queueHandlers,
  ...displayHandlers,
  ...authHandlers,
  ...setupHandlers,
  ...staffHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...leaveHandlers,
  ...policyHandlers,
  ...feeHandlers,
  ...paymentHandlers,
  ...extraHandlers,
  ...reportHandlers,
  ...exportHandlers,
  ...fhirHandlers,
  ...patientMergeHandlers,
  ...waitlistHandlers,
} satisfies Handlers
