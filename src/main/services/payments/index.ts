import type { paymentMethods } from '../../../shared/contract/payments'
import { AppError } from '../../../shared/errors'
import type { HandlersFor } from '../context'

const notYet = async (): Promise<never> => {
  throw new AppError('INTERNAL', { message: 'Not built yet (issue 17, branch i17-money).' })
}

/** Issue 17's money methods: placeholders while the contract lands first. */
export const paymentHandlers: HandlersFor<typeof paymentMethods> = {
  'payments.forAppointment': notYet,
  'payments.pay': notYet,
  'payments.receipt': notYet,
  'payments.refund': notYet,
  'payments.refundSlip': notYet,
  'payments.refundsDue': notYet,
  'payments.paidStatus': notYet,
  'shifts.current': notYet,
  'shifts.open': notYet,
  'shifts.close': notYet,
  'shifts.correct': notYet,
  'shifts.get': notYet,
  'shifts.list': notYet,
  'money.month': notYet,
}
