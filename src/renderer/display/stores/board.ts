import { create } from 'zustand'
import type { Board, EventMessage } from '../../../shared/contract'
import { bridge } from '../../api/bridge'
import { useSession } from '../../api/session'
import { playChime } from '../../components/sound'
import { connection } from '../../stores/connection'

export type CallMessage = EventMessage<'display.call'>

export interface DisplayBoardState {
  readonly board: Board | null
  /** The call on the banner now (shown for a while, then the next queued one). */
  readonly calling: CallMessage | null
}

/** The waiting-room board. It only ever holds what the host sends a display: masked names. */
export const useDisplayBoard = create<DisplayBoardState>(() => ({ board: null, calling: null }))

/** How many patients in line each room shows after the one being called. */
export const NEXT_COUNT = 3
/** Long enough to read twice and hear the spoken call once. */
const BANNER_MS = 10_000

let latestRequest = 0

/** Re-reads the board; only the newest request's answer is kept. */
export async function reloadBoard(): Promise<void> {
  const request = ++latestRequest
  const result = await bridge.call('display.board', { nextCount: NEXT_COUNT })
  if (result.ok && request === latestRequest) useDisplayBoard.setState({ board: result.value })
}

type Announcer = (call: CallMessage) => void
const pending: CallMessage[] = []
let announce: Announcer = () => undefined
let bannerTimer: ReturnType<typeof setTimeout> | null = null

/** Shows calls one at a time: two rooms calling at once must both be seen and heard in full. */
function showNextCall(): void {
  const call = pending.shift()
  useDisplayBoard.setState({ calling: call ?? null })
  bannerTimer = null
  if (!call) return
  playChime([659, 523, 784])
  announce(call)
  bannerTimer = setTimeout(showNextCall, BANNER_MS)
}

/** One waiting call per room: if calls back up, only a room's newest is still worth announcing. */
function enqueueCall(call: CallMessage): void {
  const same = pending.findIndex((c) => c.doctorId === call.doctorId)
  if (same >= 0) pending.splice(same, 1)
  pending.push(call)
  if (bannerTimer === null) showNextCall()
}

/**
 * Right after a reconnect the bridge replays the events missed meanwhile. Calls among them are
 * old news: the board shows who is with each doctor now, but they are not announced again.
 */
const REPLAY_WINDOW_MS = 2000
let replayUntil = 0

let started = false

/** Feeds the board from display.changed, display.call and directory.changed (a room renamed, a doctor moved); `speak` says each call aloud. */
export function startDisplayFeed(speak: Announcer): void {
  if (started) return
  started = true
  announce = speak
  bridge.on('display.changed', () => void reloadBoard())
  bridge.on('directory.changed', () => void reloadBoard())
  bridge.on('display.call', (call) => {
    if (performance.now() > replayUntil) enqueueCall(call)
    void reloadBoard()
  })
  connection.subscribe((now, before) => {
    if (now.status === 'connected' && before.status === 'reconnecting')
      replayUntil = performance.now() + REPLAY_WINDOW_MS
    if (now.resets !== before.resets) void reloadBoard()
  })
  // A display opened without a login has no sign-in to resume: after a reconnect its new socket
  // is signed out. LoginGate asks for the login-free feed only once per page, so ask again here
  // (idempotent) to keep an unattended screen running without a reload.
  useSession.subscribe((now, before) => {
    const s = now.status
    if (
      s?.state === 'signed-out' &&
      before.status?.state === 'signed-in' &&
      s.displayWithoutLogin &&
      !s.setupNeeded
    ) {
      void bridge.call('auth.openDisplay', {})
    }
  })
  // The board is "today's": re-read it now and then so it follows the day turning over.
  setInterval(() => void reloadBoard(), 60_000)
  void reloadBoard()
}
