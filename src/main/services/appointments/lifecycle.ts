import type { AppointmentStatus } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { canStep, STEPS, type Step } from '../../../shared/visit'

/** ILLEGAL_TRANSITION naming both states, unless the step may start from `status` (src/shared/visit.ts). */
export function requireStep(
  step: Step,
  status: AppointmentStatus,
  to: AppointmentStatus = STEPS[step].to,
): void {
  if (canStep(step, status)) return
  throw new AppError('ILLEGAL_TRANSITION', {
    message: `An appointment that is ${status} cannot become ${to}.`,
    details: { from: status, to, step },
  })
}

/** The cancel reason 改约 writes on the booking it moves away from. */
export const MOVED_REASON = '改约'

/**
 * 改约 cancels the old booking, so it starts from the states cancel starts from. Said in the
 * booking's own terms: requireStep would answer "CANCELED cannot become CANCELED".
 */
export function requireMovable(a: {
  status: AppointmentStatus
  cancelReason: string | null
}): void {
  if (canStep('cancel', a.status)) return
  const message =
    a.status !== 'CANCELED'
      ? `An appointment that is ${a.status} can no longer be moved.`
      : a.cancelReason === MOVED_REASON
        ? 'This appointment was already moved to another band: move the new one instead.'
        : 'This appointment is canceled: book the patient again instead of moving it.'
  throw new AppError('ILLEGAL_TRANSITION', {
    message,
    details: { from: a.status, step: 'reschedule' },
  })
}
