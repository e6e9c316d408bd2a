import { scheduleMethods } from '../../shared/contract'
import { notBuiltYet } from './not-built'

export const scheduleHandlers = notBuiltYet(scheduleMethods)
