import { appointmentHandlers } from './appointments'
import { auditHandlers } from './audit'
import { authHandlers } from './auth'
import { backupHandlers } from './backup'
import type { Handlers } from './context'
import { directoryHandlers } from './directory'
import { patientHandlers } from './patients'
import { patientMergeHandlers } from './patients/merge'
import { displayHandlers, queueHandlers } from './queue'
import { scheduleHandlers } from './schedules'
import { sessionHandlers } from './session'
import { settingsHandlers } from './settings'
import { setupHandlers } from './setup'
import { staffHandlers } from './staff'

/** Every contract method's handler; the type refuses a method left without one. */
export const handlers = {
  ...sessionHandlers,
  ...settingsHandlers,
  ...directoryHandlers,
  ...patientHandlers,
  ...scheduleHandlers,
  ...appointmentHandlers,
  ...queueHandlers,
  ...displayHandlers,
  ...authHandlers,
  ...setupHandlers,
  ...staffHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...patientMergeHandlers,
} satisfies Handlers
