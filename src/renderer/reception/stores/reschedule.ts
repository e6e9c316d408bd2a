import type { Appointment } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { callKeyed, outcomeUnknown } from '../../api/retry'
import { newSubmissionKey } from '../keys'

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
