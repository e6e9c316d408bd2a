import { create } from 'zustand'
import type { Appointment, QueueDay, QueueEntry } from '../../../shared/contract'
import type { AppErrorShape, Result } from '../../../shared/errors'
import { isNotArrived, isWaiting } from '../../../shared/visit'
import { bridge } from '../../api/bridge'
import { connection } from '../../stores/connection'
import { announceNewBooking } from './toasts'

export interface DoctorQueueState {
  /** Whose room this is: the host's answer (session.whoami), never the page's say-so alone. */
  readonly doctorId: number | null
  /** Today in the clinic's time zone, by the host's clock. */
  readonly today: string | null
  /** The day on screen; only today's queue can be acted on. */
  readonly date: string | null
  readonly queue: QueueDay | null
  readonly loadError: AppErrorShape | null
  /** The newest event revision this screen has acted on (for tests and the status line). */
  readonly rev: number
}

export const useDoctorQueue = create<DoctorQueueState>(() => ({
  doctorId: null,
  today: null,
  date: null,
  queue: null,
  loadError: null,
  rev: 0,
}))

export const isReadOnly = (s: DoctorQueueState): boolean => s.date !== null && s.date !== s.today

let latestRequest = 0

/**
 * Re-reads the queue on screen. Answers can overtake each other (an event's re-read and an
 * action's re-read in flight together): only the answer to the newest request is kept.
 */
export async function reloadQueue(): Promise<void> {
  const { doctorId, date } = useDoctorQueue.getState()
  if (doctorId === null || date === null) return
  const request = ++latestRequest
  const result = await bridge.call('queue.forDoctorDay', { doctorId, date })
  if (request !== latestRequest) return
  if (result.ok) useDoctorQueue.setState({ queue: result.value, loadError: null })
  else useDoctorQueue.setState({ loadError: result.error })
}

/**
 * Puts a booking just made into the queue on screen at once, at the end of its group (those
 * waiting, or those not arrived yet). The full re-read sent at the same time follows a moment
 * later and replaces the whole list with the host's own order.
 */
function patchNewBooking(a: Appointment): void {
  useDoctorQueue.setState((s) => {
    const q = s.queue
    if (
      !q ||
      q.doctorId !== a.doctorId ||
      q.date !== a.date ||
      q.entries.some((e) => e.id === a.id)
    )
      return s
    const waiting = isWaiting(a.status)
    if (!waiting && !isNotArrived(a.status)) return s
    const inGroup = waiting ? isWaiting : isNotArrived
    const lastOfGroup = q.entries.findLastIndex(
      (e) => inGroup(e.status) || (!waiting && isWaiting(e.status)) || e.id === q.current?.id,
    )
    const entry: QueueEntry = {
      ...a,
      position: waiting ? q.counts.waiting + 1 : null,
      waitingMinutes: waiting ? 0 : null,
    }
    const entries = [
      ...q.entries.slice(0, lastOfGroup + 1),
      entry,
      ...q.entries.slice(lastOfGroup + 1),
    ]
    const counts = waiting
      ? { ...q.counts, waiting: q.counts.waiting + 1 }
      : { ...q.counts, notArrived: q.counts.notArrived + 1 }
    return { queue: { ...q, entries, counts } }
  })
}

/** Shows another day (read-only unless it is today). */
export function showDate(date: string): void {
  if (date === useDoctorQueue.getState().date) return
  useDoctorQueue.setState({ date, queue: null })
  void reloadQueue()
}

/** Reads today from the host; follows a day change when the screen was showing today. */
async function reloadToday(): Promise<void> {
  const result = await bridge.call('settings.get', {})
  if (!result.ok) return
  const { today, date } = useDoctorQueue.getState()
  const followToday = date === null || date === today
  useDoctorQueue.setState({
    today: result.value.today,
    ...(followToday ? { date: result.value.today } : {}),
  })
}

async function resolveDoctor(): Promise<number | null> {
  const who = await bridge.call('session.whoami', {})
  if (who.ok && who.value.doctorId !== undefined) return who.value.doctorId
  // Admin or reception looking at a doctor's queue: the page says which doctor.
  const fromUrl = Number(new URLSearchParams(location.search).get('doctor'))
  return Number.isSafeInteger(fromUrl) && fromUrl > 0 ? fromUrl : null
}

const touches = (doctorId: number, date: string): boolean => {
  const s = useDoctorQueue.getState()
  return s.doctorId === doctorId && s.date === date
}

const noteRev = (rev: number): void => useDoctorQueue.setState((s) => (rev > s.rev ? { rev } : s))

let started = false

/**
 * Feeds the store from the host's events, outside React. Every change to this doctor's day
 * (booking, check-in, cancel, reschedule, call …) re-reads the queue; a new booking is also
 * announced. Missed events are replayed by the bridge on reconnect, so this also catches up.
 */
export function startDoctorFeed(): void {
  if (started) return
  started = true
  bridge.on('appointment.created', (m) => {
    const { doctorId } = useDoctorQueue.getState()
    if (m.doctorId !== doctorId) return
    noteRev(m.rev)
    // One small read serves both the row shown at once and the toast; the full re-read follows it.
    const details: Promise<Result<Appointment>> = bridge.call('appointments.get', {
      id: m.appointmentId,
    })
    if (touches(m.doctorId, m.date)) {
      void details.then((r) => r.ok && touches(m.doctorId, m.date) && patchNewBooking(r.value))
      void reloadQueue()
    }
    void announceNewBooking(m.appointmentId, details)
  })
  bridge.on('appointments.changed', (m) => {
    if (!touches(m.doctorId, m.date)) return
    noteRev(m.rev)
    void reloadQueue()
  })
  bridge.on('settings.changed', () => void reloadToday().then(reloadQueue))
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) void reloadQueue()
  })
  // Waiting minutes grow and the day turns over without any event: re-read once a minute.
  setInterval(() => void reloadToday().then(reloadQueue), 60_000)
  void (async () => {
    const doctorId = await resolveDoctor()
    useDoctorQueue.setState({ doctorId })
    await reloadToday()
    await reloadQueue()
  })()
}
