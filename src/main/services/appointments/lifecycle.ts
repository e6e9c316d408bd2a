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

/** Still in play: counts for the one-booking-per-doctor-per-day rule and the queue. */
export const isLive = (status: AppointmentStatus): boolean =>
  (LIVE_STATUSES as readonly AppointmentStatus[]).includes(status)

/** Waiting in line to be called. */
export const WAITING: readonly AppointmentStatus[] = ['CHECKED_IN', 'SKIPPED']
