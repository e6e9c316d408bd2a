import { authMethods } from '../../shared/contract'
import { notBuiltYet } from './not-built'

export const authHandlers = notBuiltYet(authMethods)
