import { setupMethods } from '../../shared/contract'
import { notBuiltYet } from './not-built'

export const setupHandlers = notBuiltYet(setupMethods)
