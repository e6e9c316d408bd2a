import { staffMethods } from '../../shared/contract'
import { notBuiltYet } from './not-built'

export const staffHandlers = notBuiltYet(staffMethods)
