import type { ClinicBridge, ClinicPreload } from '../../shared/bridge'
import { withFieldErrors } from '../components/field-errors'
import { connection } from '../stores/connection'
import { gateBridge } from './session'
import { createWsBridge } from './ws-client'

declare global {
  interface Window {
    /** Present in Electron: exposed by the preload. */
    readonly clinic?: ClinicPreload
  }
}

/**
 * The bridge for this page: Electron's preload when present, else the host's WebSocket at /rpc.
 * Either way wrapped by the sign-in gate: the host decides who this connection is from a login,
 * never from anything the page says.
 */
function resolveBridge(): ClinicBridge {
  const preload = window.clinic
  if (preload) {
    connection.setState({ status: 'connected' })
    // The host missed changes it will never hear: every store re-reads, as after a reconnect.
    preload.onReset(() => connection.setState((s) => ({ resets: s.resets + 1 })))
    return gateBridge(() => preload, false)
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return gateBridge(
    (handshake) => createWsBridge(`${scheme}://${location.host}/rpc`, { handshake }),
    true,
  )
}

/** Every call made from a form marks the field an INVALID_INPUT names (field-errors.ts). */
export const bridge: ClinicBridge = withFieldErrors(resolveBridge())
