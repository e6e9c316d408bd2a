import { session } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../host/csp'

/** Session-wide rules: no permission is ever granted, and every response carries our CSP. */
export function lockDownSession(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}
