import { hostAction } from '../../api/host-action'

// The registration-fee price list (issue 17).
export const listFeeRules = hostAction('fees.rules')
export const setFeeRule = hostAction('fees.setRule')
