import { CONTENT_SECURITY_POLICY } from '../host/csp'

/**
 * The security handlers of every window and of the session, as plain functions over the small
 * parts of Electron they touch (no `electron` import), so tests check them without the runtime.
 */
export interface PreventableEvent {
  preventDefault(): void
}
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-attach-webview' | 'will-frame-navigate',
    listener: (event: PreventableEvent) => void,
  ): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

/** A screen never leaves its page: no navigation, no redirect, no <webview>, no new windows. */
export const refuse = (event: PreventableEvent): void => event.preventDefault()
export const denyWindowOpen = (): { action: 'deny' } => ({ action: 'deny' })

export function guardContents(contents: GuardedContents): void {
  contents.on('will-navigate', refuse)
  contents.on('will-frame-navigate', refuse)
  contents.on('will-redirect', refuse)
  contents.on('will-attach-webview', refuse)
  contents.setWindowOpenHandler(denyWindowOpen)
}

/** No permission (camera, microphone, notifications, geolocation …) is ever granted or reported as granted. */
export const denyPermissionRequest = (
  _contents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void => callback(false)
export const denyPermissionCheck = (): boolean => false

type Headers = Record<string, string | string[]>
/** Every response carries our CSP, replacing whatever (if anything) the response said. */
export function withCsp(
  details: { responseHeaders?: Headers },
  callback: (response: { responseHeaders: Headers }) => void,
): void {
  const headers: Headers = {}
  for (const [name, value] of Object.entries(details.responseHeaders ?? {}))
    if (name.toLowerCase() !== 'content-security-policy') headers[name] = value
  callback({
    responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
  })
}

export interface LockableSession {
  setPermissionRequestHandler(handler: typeof denyPermissionRequest): void
  setPermissionCheckHandler(handler: typeof denyPermissionCheck): void
  webRequest: { onHeadersReceived(listener: typeof withCsp): void }
}

export function lockDown(session: LockableSession): void {
  session.setPermissionRequestHandler(denyPermissionRequest)
  session.setPermissionCheckHandler(denyPermissionCheck)
  session.webRequest.onHeadersReceived(withCsp)
}
