import { create } from 'zustand'
import type { QueueEntry } from '../../../shared/contract'
import type { RecheckInput } from '../../components/RecheckDialog'
import { hostAction } from '../../api/host-action'
import { reloadQueue } from './queue'
import { dismissUndo } from './undo'

/** The patient whose 重新签到 dialog is open on the doctor's screen, if any. */
export const useDoctorRecheck = create<{ readonly target: QueueEntry | null }>(() => ({
  target: null,
}))

export const openRecheck = (target: QueueEntry): void => {
  // Checking in again is the way back once the undo has gone; the two never apply at once.
  dismissUndo()
  useDoctorRecheck.setState({ target })
}
export const closeRecheck = (): void => useDoctorRecheck.setState({ target: null })

const recheckOnHost = hostAction('queue.recheckIn')

/** 重新签到 from the room: the queue re-reads at once (the host's event would too). */
export async function recheckFromRoom(input: RecheckInput) {
  const result = await recheckOnHost(input)
  if (result.ok) await reloadQueue()
  return result
}
