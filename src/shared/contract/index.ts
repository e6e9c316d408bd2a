import type { z } from 'zod'
import { mergeTables, type EventSpec, type MethodSpec } from './define'
import { appointmentEvents, appointmentMethods } from './appointments'
import { auditMethods } from './audit'
import { backupMethods } from './backup'
import { authMethods } from './auth'
import { directoryEvents, directoryMethods } from './directory'
import { leaveEvents, leaveMethods } from './leave'
import { patientCardMethods } from './patient-card'
import { patientEvents, patientMethods } from './patients'
import { extraMethods } from './extra'
import { waitlistEvents, waitlistMethods } from './waitlist'
import { feeEvents, feeMethods } from './fees'
import { paymentEvents, paymentMethods } from './payments'
import { reportMethods } from './reports'
import { revenueMethods } from './revenue'
import { exportMethods } from './exports'
import { fhirMethods } from './fhir'
import { patientMergeEvents, patientMergeMethods } from './patient-merge'
import { policyEvents, policyMethods } from './policy'
import { displayMethods, queueEvents, queueMethods } from './queue'
import { scheduleEvents, scheduleMethods } from './schedules'
import { sessionMethods } from './session'
import { settingsEvents, settingsMethods } from './settings'
import { setupMethods } from './setup'
import { staffEvents, staffMethods } from './staff'

/**
 * The whole contract: every method and event, each declared once in its feature file.
 * Both transports, the preload's types, docs/API.md and the authorization tests derive from it.
 */
export const methods = mergeTables(
  sessionMethods,
  settingsMethods,
  directoryMethods,
  patientMethods,
  patientCardMethods,
  scheduleMethods,
  appointmentMethods,
  queueMethods,
  displayMethods,
  authMethods,
  setupMethods,
  staffMethods,
  auditMethods,
  backupMethods,
  leaveMethods,
  extraMethods,
  reportMethods,
  revenueMethods,
  exportMethods,
  fhirMethods,
  patientMergeMethods,
  policyMethods,
  waitlistMethods,
  feeMethods,
  paymentMethods,
) satisfies Record<string, MethodSpec>

export const events = mergeTables(
  settingsEvents,
  directoryEvents,
  patientEvents,
  scheduleEvents,
  appointmentEvents,
  queueEvents,
  staffEvents,
  leaveEvents,
  patientMergeEvents,
  policyEvents,
  waitlistEvents,
  feeEvents,
  paymentEvents,
) satisfies Record<string, EventSpec>

export type Methods = typeof methods
export type MethodName = keyof Methods
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>
export type MethodParsed<M extends MethodName> = z.output<Methods[M]['input']>
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>
/** What a subscriber receives: the payload plus the global revision it was committed at. */
export type EventMessage<E extends EventName> = EventPayload<E> & { readonly rev: number }

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(methods, name)
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name)

export * from './define'
export * from './appointments'
export * from './audit'
export * from './backup'
export * from './auth'
export * from './directory'
export * from './leave'
export * from './extra'
export * from './waitlist'
export * from './fees'
export * from './payments'
export * from './patients'
export * from './patient-card'
export * from './reports'
export * from './exports'
export * from './fhir'
export * from './patient-merge'
export * from './queue'
export * from './schedules'
export * from './session'
export * from './settings'
export * from './setup'
export * from './staff'
