import { hostAction } from '../../api/host-action'

// Payments and day-ends as the admin sees them (issue 17).
export const monthSummary = hostAction('money.month')
export const getShift = hostAction('shifts.get')
export const listRefundsDue = hostAction('payments.refundsDue')
export const refundPayment = hostAction('payments.refund')
export const correctShift = hostAction('shifts.correct')
