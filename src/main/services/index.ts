import type { Handlers } from './context'
import { directoryHandlers } from './directory'
import { sessionHandlers } from './session'

/** Every contract method's handler; the type refuses a method left without one. */
export const handlers = { ...sessionHandlers, ...directoryHandlers } satisfies Handlers
