import type { z } from 'zod'
import { mergeTables, type EventSpec, type MethodSpec } from './define'
import { directoryEvents, directoryMethods } from './directory'
import { sessionMethods } from './session'

/**
 * The whole contract: every method and event, each declared once in its feature file.
 * Both transports, the preload's types, docs/API.md and the authorization tests derive from it.
 */
export const methods = mergeTables<Record<string, MethodSpec>>(sessionMethods, directoryMethods) as typeof sessionMethods &
  typeof directoryMethods

export const events = mergeTables<Record<string, EventSpec>>(directoryEvents) as typeof directoryEvents

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
export * from './directory'
export * from './session'
