import { IPC_CALL, IPC_EVENT } from '../../shared/bridge'
import { fail } from '../../shared/errors'
import type { Caller } from '../../shared/roles'
import { canReceive } from '../../shared/visibility'
import type { Dispatch } from '../host/dispatcher'
import type { EventBus } from '../host/event-bus'

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
 * The contract over Electron IPC. Each window's caller is fixed by the main process when it
 * registers the window; a call is answered only from that window's top frame at a trusted URL.
 */
export class IpcAdapter {
  readonly #windows = new Map<number, { contents: WebContentsLike; caller: Caller }>()
  readonly #ipcMain: IpcMainLike
  readonly #unsubscribe: () => void

  constructor(ipcMain: IpcMainLike, dispatch: Dispatch, bus: EventBus, isTrustedUrl: (url: string) => boolean) {
    this.#ipcMain = ipcMain
    ipcMain.handle(IPC_CALL, async (event, method, params) => {
      const window = this.#windows.get(event.sender.id)
      const frame = event.senderFrame
      if (!window || !frame || frame.parent !== null || !isTrustedUrl(frame.url)) return fail('FORBIDDEN')
      if (typeof method !== 'string') return fail('UNKNOWN_METHOD')
      return dispatch(window.caller, method, params)
    })
    this.#unsubscribe = bus.subscribe(({ event, rev, payload }) => {
      for (const { contents, caller } of this.#windows.values()) {
        if (!contents.isDestroyed() && canReceive(caller, event, payload)) {
          contents.send(IPC_EVENT, event, { ...(payload as object), rev })
        }
      }
    })
  }

  /** Binds a window to its caller; returns the function that forgets it (call it when the window closes). */
  register(contents: WebContentsLike, caller: Caller): () => void {
    this.#windows.set(contents.id, { contents, caller })
    return () => this.#windows.delete(contents.id)
  }

  dispose(): void {
    this.#unsubscribe()
    this.#ipcMain.removeHandler(IPC_CALL)
    this.#windows.clear()
  }
}
