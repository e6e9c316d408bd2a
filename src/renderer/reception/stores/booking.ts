import { create } from 'zustand'
import type { Appointment, Hold, PatientHit, Slot } from '../../../shared/contract'
import type { AppErrorShape, Result } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { callKeyed, outcomeUnknown } from '../../api/retry'
import { newSubmissionKey } from '../keys'
import { useClinic } from './clinic'
import { deskScope, reloadGrid, selectDate } from './desk'

export type BookingMode = 'phone' | 'walkIn'

export interface BookingState {
  readonly mode: BookingMode
  /** The band this desk holds for the caller on the phone. */
  readonly hold: { readonly hold: Hold; readonly slot: Slot } | null
  /** The band being held right now (request in flight). */
  readonly holdingSlotId: number | null
  readonly patient: PatientHit | null
  readonly complaint: string
  readonly submitting: boolean
  readonly error: AppErrorShape | null
  /** The last booking made here, for the confirmation line. */
  readonly booked: Appointment | null
  /** Bumped whenever the patient search should take the keyboard. */
  readonly focusSearch: number
  /** Bumped whenever the confirm step (chief complaint) should take the keyboard. */
  readonly focusConfirm: number
}

const initial: BookingState = {
  mode: 'phone',
  hold: null,
  holdingSlotId: null,
  patient: null,
  complaint: '',
  submitting: false,
  error: null,
  booked: null,
  focusSearch: 0,
  focusConfirm: 0,
}

/** The booking in progress at this desk: one band held, one patient, one submission at a time. */
export const useBooking = create<BookingState>(() => initial)

// One key per draft (band + patient): a double click or a retry after a dropped link books once.
let draftKey = newSubmissionKey()
const newDraft = (): void => void (draftKey = newSubmissionKey())

/** Errors after which the grid on screen is wrong and must be re-read. */
const STALE_GRID = new Set([
  'SLOT_TAKEN',
  'SLOT_HELD',
  'SLOT_CLOSED',
  'SLOT_IN_PAST',
  'HOLD_EXPIRED',
  // The link dropped: a hold or booking may have landed unseen.
  'DISCONNECTED',
])

function afterFailure(error: AppErrorShape): void {
  useBooking.setState({ error })
  if (STALE_GRID.has(error.code)) void reloadGrid()
}

const focusNext = (s: BookingState) =>
  s.patient ? { focusConfirm: s.focusConfirm + 1 } : { focusSearch: s.focusSearch + 1 }

/** Holds a band for this desk (releasing any band held before), then moves on to the patient. */
export async function pickSlot(slot: Slot): Promise<void> {
  const s = useBooking.getState()
  if (s.holdingSlotId !== null || s.submitting) return
  if (s.hold?.slot.id === slot.id) return void useBooking.setState(focusNext)
  useBooking.setState({ holdingSlotId: slot.id, error: null, booked: null, mode: 'phone' })
  if (s.hold) void bridge.call('holds.release', { holdId: s.hold.hold.id })
  const result = await bridge.call('holds.create', { slotId: slot.id })
  newDraft()
  if (!result.ok) {
    useBooking.setState({ holdingSlotId: null, hold: null })
    // The band looked open here and another desk got there first: booked (SLOT_TAKEN, the seed's
    // 手慢了) or only held (SLOT_HELD: it may come back, so the desk is told so, DESIGN §4).
    return afterFailure(result.error)
  }
  useBooking.setState((now) => ({
    holdingSlotId: null,
    hold: { hold: result.value, slot },
    ...focusNext(now),
  }))
}

export async function releaseHold(): Promise<void> {
  const { hold } = useBooking.getState()
  if (!hold) return
  useBooking.setState({ hold: null })
  newDraft()
  await bridge.call('holds.release', { holdId: hold.hold.id })
}

/** The hold ran out on the host's clock: the host has already freed the place. */
export function holdExpired(): void {
  useBooking.setState({ hold: null, error: { code: 'HOLD_EXPIRED', message: '' } })
  newDraft()
  void reloadGrid()
}

export function choosePatient(patient: PatientHit | null): void {
  newDraft()
  useBooking.setState((s) => ({
    patient,
    error: null,
    booked: null,
    ...(patient ? { focusConfirm: s.focusConfirm + 1 } : { focusSearch: s.focusSearch + 1 }),
  }))
}

export const setComplaint = (complaint: string): void => useBooking.setState({ complaint })

export function setMode(mode: BookingMode): void {
  if (mode === 'walkIn') {
    void releaseHold()
    // A walk-in is always for today: show today's bands, where the place will be taken.
    const { today } = useClinic.getState()
    if (today) selectDate(today)
  }
  newDraft()
  useBooking.setState((s) => ({ mode, error: null, booked: null, focusSearch: s.focusSearch + 1 }))
}

/** Esc: let go of the band, the patient and any message. */
export async function cancelBooking(): Promise<void> {
  await releaseHold()
  newDraft()
  useBooking.setState((s) => ({
    ...initial,
    focusSearch: s.focusSearch,
    focusConfirm: s.focusConfirm,
  }))
}

/**
 * Books (phone: the held band; walk-in: today's earliest open band of the desk's doctor or department).
 * Resolves to the appointment, or null when it failed (the error is in the store). A link that
 * drops before the answer is retried once after the reconnect with the same key: booked once.
 */
export async function confirmBooking(): Promise<Appointment | null> {
  const s = useBooking.getState()
  if (s.submitting || !s.patient) return null
  const scope = deskScope()
  let call: Promise<Result<Appointment>>
  if (s.mode === 'walkIn') {
    if (!scope) return null
    call = callKeyed(bridge, 'appointments.walkIn', {
      scope: { ...scope },
      patientId: s.patient.id,
      chiefComplaint: s.complaint,
      idempotencyKey: draftKey,
    })
  } else {
    if (!s.hold) return null
    call = callKeyed(bridge, 'appointments.book', {
      slotId: s.hold.slot.id,
      holdId: s.hold.hold.id,
      patientId: s.patient.id,
      chiefComplaint: s.complaint,
      idempotencyKey: draftKey,
    })
  }
  useBooking.setState({ submitting: true, error: null })
  const result = await call
  if (!result.ok) {
    useBooking.setState({ submitting: false })
    if (result.error.code === 'SLOT_TAKEN' || result.error.code === 'HOLD_EXPIRED')
      useBooking.setState({ hold: null })
    // Unknown outcome (the link stayed down): the next press must replay it, not book again.
    if (!outcomeUnknown(result)) newDraft()
    afterFailure(result.error)
    return null
  }
  newDraft()
  useBooking.setState((now) => ({
    ...initial,
    mode: now.mode,
    booked: result.value,
    focusSearch: now.focusSearch,
    focusConfirm: now.focusConfirm,
  }))
  void reloadGrid()
  return result.value
}
