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
