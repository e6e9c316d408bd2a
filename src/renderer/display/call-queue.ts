import type { Board, EventMessage } from '../../shared/contract'

export type CallMessage = EventMessage<'display.call'>

/** A call as the display heard it: `after` is the last board request sent before it arrived. */
export interface HeardCall {
  readonly call: CallMessage
  readonly after: number
}

/** The banner's call and those waiting their turn (at most one per room). */
export interface CallQueue {
  readonly showing: HeardCall | null
  readonly pending: readonly HeardCall[]
}

export const NO_CALLS: CallQueue = { showing: null, pending: [] }

/**
 * A call arrives. A newer call of the room on the banner replaces it at once (the older one is
 * obsolete, never queued behind it); a call of another room waits its turn, replacing any call of
 * its own room that was still waiting.
 *
 * @example arrive(NO_CALLS, { call, after: 3 }).showing?.call === call
 */
export function arrive(queue: CallQueue, heard: HeardCall): CallQueue {
  const room = heard.call.doctorId
  if (!queue.showing || queue.showing.call.doctorId === room) return { ...queue, showing: heard }
  return { ...queue, pending: [...queue.pending.filter((c) => c.call.doctorId !== room), heard] }
}

/** The banner's time is up: the next waiting call takes it. */
export function advance(queue: CallQueue): CallQueue {
  const [next = null, ...rest] = queue.pending
  return { showing: next, pending: rest }
}

/** Whether the board still shows the call's patient as the one called in its room. */
function stillCalled(board: Board, call: CallMessage): boolean {
  const room = board.rooms.find((r) => r.doctorId === call.doctorId)
  return room?.calling?.queueNo === call.queueNo
}

/**
 * A board read by request `request` has come. Every call heard before that request was sent is
 * checked against it: a call whose room now shows someone else, or nobody (the patient finished,
 * was skipped, or the room left the board), is dropped, from the banner as from the waiting line.
 * Calls heard after the request are younger than the board and kept.
 *
 * @example prune(queue, board, 7) // drops calls with after < 7 that the board contradicts
 */
export function prune(queue: CallQueue, board: Board, request: number): CallQueue {
  const keep = (c: HeardCall) => c.after >= request || stillCalled(board, c.call)
  const pending = queue.pending.filter(keep)
  if (!queue.showing || keep(queue.showing)) {
    return pending.length === queue.pending.length ? queue : { ...queue, pending }
  }
  return advance({ showing: null, pending })
}

/** Only the calls of the rooms this display shows (null: every room). */
export function forRooms(rooms: readonly number[] | null, call: CallMessage): boolean {
  return rooms === null || rooms.includes(call.doctorId)
}
