import { IPC_CALL, IPC_EVENT, IPC_RESET, type IpcEventBatch } from '../../shared/bridge'
import { fail } from '../../shared/errors'
import type { Caller } from '../../shared/roles'
import { ConnectionSession, signOutRevoked } from '../host/connection'
import type { Dispatch } from '../host/dispatcher'
import type { EventBus } from '../host/event-bus'
import { messageOf, pushPlan } from '../host/push'

/** The parts of Electron's ipcMain, webContents and frames the adapter uses (so a faithful stand-in can test it). */
export interface FrameLike {
  readonly url: string
  readonly parent: FrameLike | null
}
export interface WebContentsLike {
  readonly id: number
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
}
export interface InvokeEventLike {
  readonly sender: WebContentsLike
  readonly senderFrame: FrameLike | null
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

/**
 * The contract over Electron IPC. Each window's ROLE (and doctor) is fixed by the main process when
 * it registers the window; its USER comes from a login through that window (auth.login), and must
 * fit the role. A call is answered only from that window's top frame at a trusted URL. The events
 * of a commit go to each window as one message (IpcEventBatch), only those its caller may see.
 */
export class IpcAdapter {
  readonly #windows = new Map<number, { contents: WebContentsLike; session: ConnectionSession }>()
  readonly #ipcMain: IpcMainLike
  readonly #unsubscribe: () => void
  readonly #unsubscribeReset: () => void

  constructor(
    ipcMain: IpcMainLike,
    dispatch: Dispatch,
    bus: EventBus,
    isTrustedUrl: (url: string) => boolean,
  ) {
    this.#ipcMain = ipcMain
    ipcMain.handle(IPC_CALL, async (event, method, params) => {
      const window = this.#windows.get(event.sender.id)
      const frame = event.senderFrame
      if (!window || !frame || frame.parent !== null || !isTrustedUrl(frame.url))
        return fail('FORBIDDEN')
      if (typeof method !== 'string') return fail('UNKNOWN_METHOD')
      return dispatch(window.session.caller, method, params, window.session)
    })
    this.#unsubscribe = bus.subscribeBatch((batch) => {
      const sessions = [...this.#windows.values()].map((w) => w.session)
      // A commit is one change: whoever it signs out receives none of it.
      for (const { event, payload } of batch) signOutRevoked(sessions, event, payload)
      const frameFor = pushPlan(batch, (visible): IpcEventBatch =>
        visible.map((e) => ({ event: e.event, message: messageOf(e) })),
      )
      for (const { contents, session } of this.#windows.values()) {
        const frame = contents.isDestroyed() ? undefined : frameFor(session.caller)
        if (frame) contents.send(IPC_EVENT, frame)
      }
    })
    // What the browser transport does by dropping its sockets: every window re-reads.
    this.#unsubscribeReset = bus.subscribeReset(() => {
      for (const { contents } of this.#windows.values())
        if (!contents.isDestroyed()) contents.send(IPC_RESET)
    })
  }

  /**
   * Binds a window to the screen the main process opened it as (`screen.role`, `screen.doctorId`),
   * signed out until a user logs in through it. Returns the function that forgets it (call it when the window closes).
   */
  register(contents: WebContentsLike, screen: Caller): () => void {
    if (screen.role === 'guest')
      throw new Error('A window is opened as a screen role, not as a guest')
    const binding = {
      role: screen.role,
      ...(screen.doctorId === undefined ? {} : { doctorId: screen.doctorId }),
    }
    this.#windows.set(contents.id, {
      contents,
      session: new ConnectionSession({
        kind: 'window',
        origin: `window#${contents.id}`,
        screen: binding,
      }),
    })
    return () => this.#windows.delete(contents.id)
  }

  dispose(): void {
    this.#unsubscribe()
    this.#unsubscribeReset()
    this.#ipcMain.removeHandler(IPC_CALL)
    this.#windows.clear()
  }
}
