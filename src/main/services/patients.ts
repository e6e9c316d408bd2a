import { patientMethods } from '../../shared/contract'
import { notBuiltYet } from './not-built'

export const patientHandlers = notBuiltYet(patientMethods)
