import { create } from 'zustand'
import type { Board } from '../../../shared/contract'
import { bridge } from '../../api/bridge'
import { useSession } from '../../api/session'
import { playChime } from '../../components/sound'
import { connection } from '../../stores/connection'
import { advance, arrive, forRooms, NO_CALLS, prune, type CallMessage } from '../call-queue'
import { useDisplayRooms } from './display-rooms'

export type { CallMessage }

export interface DisplayBoardState {
  readonly board: Board | null
  /** The room's current call on the banner (shown for a while, then the next queued one); a newer state of its room replaces or drops it. */
  readonly calling: CallMessage | null
}

/** The waiting-room board. It only ever holds what the host sends a display: masked names. */
export const useDisplayBoard = create<DisplayBoardState>(() => ({ board: null, calling: null }))

/** How many patients in line each room shows after the one being called. */
export const NEXT_COUNT = 3
/** Long enough to read twice and hear the spoken call once. */
const BANNER_MS = 10_000

let latestRequest = 0

/** Re-reads the board; only the newest request's answer is kept. Calls it contradicts are dropped. */
export async function reloadBoard(): Promise<void> {
  const request = ++latestRequest
  const result = await bridge.call('display.board', { nextCount: NEXT_COUNT })
  if (!result.ok || request !== latestRequest) return
  useDisplayBoard.setState({ board: result.value })
  show(prune(queue, result.value, request))
}

type Announcer = (call: CallMessage) => void
let announce: Announcer = () => undefined
let queue = NO_CALLS
let bannerTimer: ReturnType<typeof setTimeout> | null = null

/** Puts the queue's call on the banner; a call new to the banner chimes, is spoken and gets its time. */
function show(next: typeof queue): void {
  const before = queue.showing
  queue = next
  if (next.showing === before) return
  if (bannerTimer !== null) clearTimeout(bannerTimer)
  bannerTimer = null
  const call = next.showing?.call ?? null
  useDisplayBoard.setState({ calling: call })
  if (!call) return
  playChime([659, 523, 784])
  announce(call)
  bannerTimer = setTimeout(() => show(advance(queue)), BANNER_MS)
}

/** A call heard now: after the board requests already sent, so only a later board can drop it. */
function hear(call: CallMessage): void {
  if (forRooms(useDisplayRooms.getState().rooms, call))
    show(arrive(queue, { call, after: latestRequest }))
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
    if (performance.now() > replayUntil) hear(call)
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
