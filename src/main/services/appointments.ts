import { appointmentMethods } from '../../shared/contract'
import { notBuiltYet } from './not-built'

export const appointmentHandlers = notBuiltYet(appointmentMethods)
