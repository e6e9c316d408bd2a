import { create } from 'zustand'
import type { Appointment } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { playChime } from '../../components/sound'

export interface NewBookingToast {
  readonly id: number
  /** Null while its details are being read (the toast shows at once, the details follow). */
  readonly appointment: Appointment | null
}

/** New-booking notices on a doctor's screen ("您有一个新预约"). */
export const useDoctorToasts = create<{ readonly items: readonly NewBookingToast[] }>(() => ({
  items: [],
}))

const SHOW_MS = 8000
const MAX_SHOWN = 4

export function dismissToast(id: number): void {
  useDoctorToasts.setState((s) => ({ items: s.items.filter((t) => t.id !== id) }))
}

/** Shows and chimes for a booking just made for this doctor; the notice goes away by itself. */
export async function announceNewBooking(
  appointmentId: number,
  details: Promise<Result<Appointment>>,
): Promise<void> {
  useDoctorToasts.setState((s) => ({
    items: [
      ...s.items.filter((t) => t.id !== appointmentId),
      { id: appointmentId, appointment: null },
    ].slice(-MAX_SHOWN),
  }))
  playChime()
  setTimeout(() => dismissToast(appointmentId), SHOW_MS)
  const result = await details
  if (!result.ok) return
  useDoctorToasts.setState((s) => ({
    items: s.items.map((t) => (t.id === appointmentId ? { ...t, appointment: result.value } : t)),
  }))
}
