import { hostAction } from '../../api/host-action'

// The booking policy (issue 14): read whole, replaced whole.
export const readPolicy = hostAction('policy.get')
export const updatePolicy = hostAction('policy.update')
