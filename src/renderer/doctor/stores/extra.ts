import type { MethodResult, Slot } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { callKeyed, outcomeUnknown } from '../../api/retry'
import { newSubmissionKey } from '../../reception/keys'
import type { ExtraTarget } from '../../components/ExtraTargetOptions'

/** The doctor's own bands of a day, for choosing where the extra places go. */
export const loadOwnBands = (doctorId: number, date: string): Promise<Result<Slot[]>> =>
  bridge.call('slots.forDoctorDay', { doctorId, date })

let draftKey = newSubmissionKey()

/**
 * 加号 from the doctor's own screen: the doctor is the one who agrees, so no one else is named.
 *
 * @example await addOwnExtra({ doctorId: 3, date: '2026-12-01', target: { kind: 'day', session: 'ALL' }, count: 1, reason: '' })
 */
export async function addOwnExtra(draft: {
  readonly doctorId: number
  readonly date: string
  readonly target: ExtraTarget
  readonly count: number
  readonly reason: string
}): Promise<Result<MethodResult<'slots.addExtra'>>> {
  const { target, doctorId, date, ...ask } = draft
  const idempotencyKey = draftKey
  const result =
    target.kind === 'band'
      ? await callKeyed(bridge, 'slots.addExtra', { ...ask, slotId: target.slotId, idempotencyKey })
      : await callKeyed(bridge, 'slots.addExtraToDay', {
          ...ask,
          doctorId,
          date,
          session: target.session,
          idempotencyKey,
        })
  if (!outcomeUnknown(result)) draftKey = newSubmissionKey()
  return result
}
