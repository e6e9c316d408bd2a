import type { MethodResult, Slot } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { callKeyed, outcomeUnknown } from '../../api/retry'
import { newSubmissionKey } from '../../reception/keys'

/** The doctor's own bands of a day, for choosing where the extra places go. */
export const loadOwnBands = (doctorId: number, date: string): Promise<Result<Slot[]>> =>
  bridge.call('slots.forDoctorDay', { doctorId, date })

let draftKey = newSubmissionKey()

/**
 * 加号 from the doctor's own screen: the doctor is the one who agrees, so no one else is named.
 *
 * @example await addOwnExtra({ slotId: 12, count: 1, reason: '复诊' })
 */
export async function addOwnExtra(draft: {
  readonly slotId: number
  readonly count: number
  readonly reason: string
}): Promise<Result<MethodResult<'slots.addExtra'>>> {
  const result = await callKeyed(bridge, 'slots.addExtra', { ...draft, idempotencyKey: draftKey })
  if (!outcomeUnknown(result)) draftKey = newSubmissionKey()
  return result
}
