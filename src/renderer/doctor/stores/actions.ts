import { create } from 'zustand'
import type { AppErrorShape } from '../../../shared/errors'
import { canStep, type Step } from '../../../shared/visit'
import { bridge } from '../../api/bridge'
import { connection } from '../../stores/connection'
import { isReadOnly, reloadQueue, useDoctorQueue } from './queue'
import { dismissUndo, offerUndo } from './undo'

/** What a doctor can do from the room, in the order the buttons and shortcut keys show them. */
export const QUEUE_ACTIONS = ['callNext', 'recall', 'start', 'complete', 'skip', 'noShow'] as const
export type QueueAction = (typeof QUEUE_ACTIONS)[number]

/** The actions on the current patient: each is the visit step of the same name (src/shared/visit.ts). */
const CARD_ACTIONS = QUEUE_ACTIONS.filter((a) => a !== 'callNext') satisfies readonly Step[]

export interface DoctorActionsState {
  /** The action in flight: one at a time, so a double press calls one patient, not two. */
  readonly busy: QueueAction | null
  readonly error: AppErrorShape | null
}

export const useDoctorActions = create<DoctorActionsState>(() => ({ busy: null, error: null }))

/** Which actions make sense now, from the current patient's state (the host still has the last word). */
export function enabledActions(): ReadonlySet<QueueAction> {
  const state = useDoctorQueue.getState()
  const out = new Set<QueueAction>()
  // Offline, a press would wait in the bridge and call a patient later, unseen: nothing until reconnected.
  if (!state.queue || isReadOnly(state) || connection.getState().status !== 'connected') return out
  const current = state.queue.current
  // One patient at a time: the card (and keys 2–6) act on the current patient, so the next is
  // called only once the room is free — finish (4), then call (1).
  if (!current && state.queue.counts.waiting > 0) out.add('callNext')
  if (current)
    for (const action of CARD_ACTIONS) if (canStep(action, current.status)) out.add(action)
  return out
}

/** Runs one action on today's queue, then re-reads it (the host's event would too; this is sooner). */
export async function runAction(action: QueueAction, targetId?: number): Promise<void> {
  const state = useDoctorQueue.getState()
  if (
    useDoctorActions.getState().busy ||
    state.doctorId === null ||
    isReadOnly(state) ||
    connection.getState().status !== 'connected'
  )
    return
  const id = targetId ?? state.queue?.current?.id
  if (action !== 'callNext' && id === undefined) return
  useDoctorActions.setState({ busy: action, error: null })
  dismissUndo()
  try {
    const result =
      action === 'callNext'
        ? await bridge.call('queue.callNext', { doctorId: state.doctorId })
        : await bridge.call(`queue.${action}`, { id: id as number })
    useDoctorActions.setState({ error: result.ok ? null : result.error })
    // 过号 / 未到 take a patient out of line with one key: the toast offers to take it back.
    if (result.ok && (action === 'skip' || action === 'noShow')) offerUndo(result.value)
    await reloadQueue()
  } finally {
    useDoctorActions.setState({ busy: null })
  }
}
