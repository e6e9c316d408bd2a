import type { ClinicBridge } from '../../shared/bridge'
import { connection } from '../stores/connection'
import { createWsBridge } from './ws-client'

declare global {
  interface Window {
    /** Present in Electron: exposed by the preload. */
    readonly clinic?: ClinicBridge
  }
}

/**
 * The bridge for this page: Electron's preload when present, else the host's WebSocket.
 * In browser mode the page says which screen it is (development start page, until staff login).
 */
function resolveBridge(): ClinicBridge {
  if (window.clinic) {
    connection.setState({ status: 'connected' })
    return window.clinic
  }
  const page = location.pathname.split('/').pop()?.replace(/\.html$/, '') || 'display'
  const query = new URLSearchParams({ screen: page === 'index' ? 'display' : page })
  const doctor = new URLSearchParams(location.search).get('doctor')
  if (doctor) query.set('doctor', doctor)
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return createWsBridge(`${scheme}://${location.host}/rpc?${query.toString()}`)
}

export const bridge: ClinicBridge = resolveBridge()
