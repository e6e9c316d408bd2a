import { create } from 'zustand'
import type { QueueEntry } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { UNDO_TOAST_MS } from '../../../shared/visit'
import { hostAction } from '../../api/host-action'
import { reloadQueue } from './queue'

/** The step the undo toast offers to take back: 过号 (SKIPPED) or 未到 (NO_SHOW, also a skip at the limit). */
export interface UndoOffer {
  readonly id: number
  readonly queueNo: number
  readonly patientName: string
  readonly outcome: 'SKIPPED' | 'NO_SHOW'
  /** Date.now() when the toast stops offering it; the host keeps its own, slightly longer, window. */
  readonly until: number
}

export interface UndoState {
  readonly offer: UndoOffer | null
  /** Whole seconds the toast still offers it (counted here, so the component stays pure). */
  readonly left: number
  readonly busy: boolean
  readonly error: AppErrorShape | null
  /** Shown briefly after a successful undo. */
  readonly undone: { readonly queueNo: number; readonly patientName: string } | null
}

export const useUndo = create<UndoState>(() => ({
  offer: null,
  left: 0,
  busy: false,
  error: null,
  undone: null,
}))

const undoOnHost = hostAction('queue.undo')
let expiry: ReturnType<typeof setTimeout> | null = null
let ticker: ReturnType<typeof setInterval> | null = null

function clearTimer(): void {
  if (expiry) clearTimeout(expiry)
  if (ticker) clearInterval(ticker)
  expiry = null
  ticker = null
}

/** After 过号 / 未到 succeeded: offer to take it back for UNDO_TOAST_MS. */
export function offerUndo(entry: QueueEntry): void {
  if (entry.status !== 'SKIPPED' && entry.status !== 'NO_SHOW') return
  clearTimer()
  const until = Date.now() + UNDO_TOAST_MS
  useUndo.setState({
    offer: {
      id: entry.id,
      queueNo: entry.queueNo,
      patientName: entry.patientName,
      outcome: entry.status,
      until,
    },
    left: Math.ceil(UNDO_TOAST_MS / 1000),
    busy: false,
    error: null,
    undone: null,
  })
  ticker = setInterval(() => {
    const left = Math.max(0, Math.ceil((until - Date.now()) / 1000))
    if (left !== useUndo.getState().left) useUndo.setState({ left })
  }, 250)
  expiry = setTimeout(dismissUndo, UNDO_TOAST_MS)
}

/** Any other action ends the offer: the host only undoes the caller's last step anyway. */
export function dismissUndo(): void {
  clearTimer()
  useUndo.setState({ offer: null, busy: false, error: null })
}

/** The toast's button (or key 0): asks the host to restore the patient's previous state. */
export async function runUndo(): Promise<void> {
  const { offer, busy } = useUndo.getState()
  if (!offer || busy) return
  useUndo.setState({ busy: true, error: null })
  const result = await undoOnHost({ id: offer.id })
  // A later 过号 may have replaced the offer while this one was on its way: leave that one be.
  if (useUndo.getState().offer !== offer) return void (await reloadQueue())
  clearTimer()
  if (result.ok) {
    useUndo.setState({
      offer: null,
      busy: false,
      undone: { queueNo: offer.queueNo, patientName: offer.patientName },
    })
    expiry = setTimeout(() => useUndo.setState({ undone: null }), 2500)
  } else {
    // Keep the toast a moment with the host's sentence, then let it go.
    useUndo.setState({ busy: false, error: result.error })
    expiry = setTimeout(dismissUndo, 4000)
  }
  await reloadQueue()
}
