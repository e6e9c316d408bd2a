import type { AppointmentStatus } from './contract/appointments'
import { LIVE_STATUSES } from './contract/appointments'

/**
 * The visit's life cycle (DESIGN.md §4): each step and the statuses it may start from. The host
 * enforces it (src/main/services/appointments/step.ts); the doctor's screen offers only the
 * steps it allows, from the same table.
 */
export const STEPS = {
  checkIn: { from: ['PENDING', 'CONFIRMED'], to: 'CHECKED_IN' },
  cancel: { from: ['PENDING', 'CONFIRMED', 'CHECKED_IN'], to: 'CANCELED' },
  call: { from: ['CHECKED_IN', 'SKIPPED'], to: 'CALLED' },
  recall: { from: ['CALLED'], to: 'CALLED' },
  start: { from: ['CALLED'], to: 'IN_PROGRESS' },
  complete: { from: ['IN_PROGRESS'], to: 'COMPLETED' },
  skip: { from: ['CALLED'], to: 'SKIPPED' },
  noShow: { from: ['PENDING', 'CONFIRMED', 'CHECKED_IN', 'CALLED', 'SKIPPED'], to: 'NO_SHOW' },
  /** A skipped or no-show patient who turns up the same day goes back into line (queue.recheckIn). */
  recheckIn: { from: ['SKIPPED', 'NO_SHOW'], to: 'CHECKED_IN' },
} as const satisfies Record<string, { from: readonly AppointmentStatus[]; to: AppointmentStatus }>

export type Step = keyof typeof STEPS

/** Whether `step` may start from `status`. */
export const canStep = (step: Step, status: AppointmentStatus): boolean =>
  (STEPS[step].from as readonly AppointmentStatus[]).includes(status)

/** Still in play: counts for the one-booking-per-doctor-per-day rule and the queue. */
export const isLive = (status: AppointmentStatus): boolean =>
  (LIVE_STATUSES as readonly AppointmentStatus[]).includes(status)

/** Arrived and waiting in line to be called: the statuses the call step starts from. */
export const WAITING_STATUSES: readonly AppointmentStatus[] = STEPS.call.from

/** Booked but not arrived yet: the statuses check-in starts from. */
export const NOT_ARRIVED_STATUSES: readonly AppointmentStatus[] = STEPS.checkIn.from

export const isWaiting = (status: AppointmentStatus): boolean => WAITING_STATUSES.includes(status)

export const isNotArrived = (status: AppointmentStatus): boolean =>
  NOT_ARRIVED_STATUSES.includes(status)

/** Called into the room or being seen: the doctor's current patient. */
export const IN_ROOM_STATUSES: readonly AppointmentStatus[] = ['CALLED', 'IN_PROGRESS']

/**
 * How long after 过号 / 未到 the doctor may take it back (queue.undo), measured by the host's
 * clock. The toast counts down UNDO_TOAST_MS; the host allows a little more, so a press in the
 * toast's last second still arrives in time over a slow link.
 */
export const UNDO_WINDOW_MS = 10_000
export const UNDO_TOAST_MS = 8_000

/** The methods whose step queue.undo can take back: the one-key actions that take a patient out of line. */
export const UNDOABLE_METHODS = ['queue.skip', 'queue.noShow'] as const
