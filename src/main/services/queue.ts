import { queueMethods, displayMethods } from '../../shared/contract'
import { notBuiltYet } from './not-built'

export const queueHandlers = notBuiltYet(queueMethods)
export const displayHandlers = notBuiltYet(displayMethods)
