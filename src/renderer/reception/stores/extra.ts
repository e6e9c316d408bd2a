import type { MethodResult, Slot } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { callKeyed, outcomeUnknown } from '../../api/retry'
import { newSubmissionKey } from '../keys'
import { pickSlot } from './booking'
import { reloadGrid } from './desk'

import type { ExtraTarget } from '../../components/ExtraTargetOptions'

export interface ExtraDraft {
  readonly doctorId: number
  readonly date: string
  readonly target: ExtraTarget
  /** The doctor who agreed: the band's own doctor, confirmed by the receptionist. */
  readonly agreedBy: number
  readonly count: number
  readonly reason: string
}

// One key per draft: a double click or a retry after a dropped link adds the places once.
let draftKey = newSubmissionKey()

/**
 * 加号: adds the places the doctor agreed to, then holds one of them for this desk, so the
 * patient on the phone gets it (the booking panel goes on as for any band).
 *
 * @example await addExtraPlaces({ doctorId: 3, date: '2026-12-01', target: { kind: 'day', session: 'ALL' }, agreedBy: 3, count: 1, reason: '复诊' })
 */
export async function addExtraPlaces(
  draft: ExtraDraft,
): Promise<Result<MethodResult<'slots.addExtra'>>> {
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
  if (!result.ok) {
    void reloadGrid()
    return result
  }
  const slot: Slot = result.value.slot
  void reloadGrid()
  void pickSlot(slot)
  return result
}
