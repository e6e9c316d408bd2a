import type { EventMessage, EventName, MethodInput, MethodName, MethodResult } from './contract'
import type { Result } from './errors'

/**
 * The one surface a screen has onto the host: window.clinic in Electron (the preload),
 * or the WebSocket client in browser mode. Nothing else crosses.
 */
export interface ClinicBridge {
  call<M extends MethodName>(method: M, params: MethodInput<M>): Promise<Result<MethodResult<M>>>
  on<E extends EventName>(event: E, listener: (message: EventMessage<E>) => void): () => void
}

/** IPC channel names shared by the preload and the main process's adapter. */
export const IPC_CALL = 'clinic:call'
/** Carries an IpcEventBatch: one message per commit and window. */
export const IPC_EVENT = 'clinic:event'
/**
 * Carries nothing: the host's bus skipped changes it will never hear (a PostgreSQL host that lost
 * part of the shared log), so the window missed them too and every store must re-read.
 */
export const IPC_RESET = 'clinic:reset'

/** What Electron's preload exposes as window.clinic: the bridge, and word that the window must re-read. */
export interface ClinicPreload extends ClinicBridge {
  onReset(listener: () => void): () => void
}

/**
 * The events of one commit that a window may see, oldest first, sent as one IPC message: the
 * preload hands them to the page's listeners in this order (`message` is the EventMessage).
 */
export type IpcEventBatch = readonly { readonly event: EventName; readonly message: unknown }[]
