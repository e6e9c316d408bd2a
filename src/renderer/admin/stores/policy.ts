import { hostAction } from '../../api/host-action'

// The booking policy (issue 14): read whole, replaced whole.
export const readPolicy = hostAction('policy.get')
export const updatePolicy = hostAction('policy.update')
// The 爽约 suspensions in force, and an admin's lift of one (with its reason).
export const listSuspended = hostAction('policy.suspended')
export const liftSuspension = hostAction('policy.liftSuspension')
