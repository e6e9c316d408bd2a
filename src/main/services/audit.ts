import { auditMethods } from '../../shared/contract'
import { notBuiltYet } from './not-built'

export const auditHandlers = notBuiltYet(auditMethods)
