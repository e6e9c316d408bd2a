import type { Appointment, Slot } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { callKeyed, outcomeUnknown } from '../../api/retry'
import { newSubmissionKey } from '../keys'
import { openPay, showRefundSlip } from './cashier'
import { openTicket } from './ticket'

/** One key per move (this appointment into this band): pressing again, or a retry, moves it once. */
let draft = { target: '', key: newSubmissionKey() }

/**
 * 改约: moves a booking into another band (the old one is canceled in the same step). A link that
 * drops before the answer is retried once after the reconnect with the same key.
 */
export async function rescheduleAppointment(
  id: number,
  toSlotId: number,
): Promise<Result<Appointment>> {
  const target = `${id}→${toSlotId}`
  if (draft.target !== target) draft = { target, key: newSubmissionKey() }
  const result = await callKeyed(bridge, 'appointments.reschedule', {
    id,
    toSlotId,
    idempotencyKey: draft.key,
  })
  // Unknown outcome: keep the key, so the next press replays the move instead of making another.
  if (!outcomeUnknown(result)) draft = { target: '', key: newSubmissionKey() }
  return result
}

/**
 * What a 改约 does to the money, for the dialog to say before confirming: what the booking holds
 * and what the new band costs (null when nothing was paid, so nothing moves).
 */
export async function moveMoney(
  a: Appointment,
  slot: Slot,
): Promise<{ heldFen: number; newFen: number } | null> {
  const money = await bridge.call('payments.forAppointment', { appointmentId: a.id })
  if (!money.ok || money.value.payment === null) return null
  const quote = await bridge.call('fees.quote', {
    doctorId: slot.doctorId,
    date: slot.date,
    startTime: slot.startTime,
    patientId: a.patientId,
    staff: money.value.quote.free === 'STAFF',
  })
  if (!quote.ok) return null
  return { heldFen: money.value.heldFen, newFen: quote.value.totalFen }
}

/**
 * After a 改约, one dialog at a time, ending on the new ticket: a paid booking moved to a dearer
 * band opens the pay panel for the difference first (the ticket follows, with the receipt on the
 * same paper, or alone on 稍后收费); moved to a cheaper one, the refund slip of the difference the
 * host gave back comes first and the ticket when it is closed; otherwise the ticket at once.
 */
export async function settleMove(moved: Appointment): Promise<void> {
  const money = await bridge.call('payments.forAppointment', { appointmentId: moved.id })
  if (money.ok && money.value.payment !== null) {
    if (money.value.balanceFen > 0) return openPay(moved, 'ticket')
    const refund = money.value.refunds.at(-1)
    if (refund) return showRefundSlip(refund.id, true, moved.id)
  }
  await openTicket(moved.id)
}
