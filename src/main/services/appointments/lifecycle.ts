import type { AppointmentStatus } from '../../../shared/contract'
import { LIVE_STATUSES } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'

/** The visit's steps and the states each may start from (DESIGN.md §4). */
export const STEPS = {
  checkIn: { from: ['PENDING', 'CONFIRMED'], to: 'CHECKED_IN' },
  cancel: { from: ['PENDING', 'CONFIRMED', 'CHECKED_IN'], to: 'CANCELED' },
  call: { from: ['CHECKED_IN', 'SKIPPED'], to: 'CALLED' },
  recall: { from: ['CALLED'], to: 'CALLED' },
  start: { from: ['CALLED'], to: 'IN_PROGRESS' },
  complete: { from: ['IN_PROGRESS'], to: 'COMPLETED' },
  skip: { from: ['CALLED'], to: 'SKIPPED' },
  noShow: { from: ['PENDING', 'CONFIRMED', 'CHECKED_IN', 'CALLED', 'SKIPPED'], to: 'NO_SHOW' },
} as const satisfies Record<string, { from: readonly AppointmentStatus[]; to: AppointmentStatus }>

export type Step = keyof typeof STEPS

/** ILLEGAL_TRANSITION naming both states, unless the step may start from `status`. */
export function requireStep(
  step: Step,
  status: AppointmentStatus,
  to: AppointmentStatus = STEPS[step].to,
): void {
  if ((STEPS[step].from as readonly AppointmentStatus[]).includes(status)) return
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
  if ((STEPS.cancel.from as readonly AppointmentStatus[]).includes(a.status)) return
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

/** Still in play: counts for the one-booking-per-doctor-per-day rule and the queue. */
export const isLive = (status: AppointmentStatus): boolean =>
  (LIVE_STATUSES as readonly AppointmentStatus[]).includes(status)

/** Waiting in line to be called. */
export const WAITING: readonly AppointmentStatus[] = ['CHECKED_IN', 'SKIPPED']
