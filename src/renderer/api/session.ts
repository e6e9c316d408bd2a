import { create } from 'zustand'
import type { ClinicBridge } from '../../shared/bridge'
import { AuthStatus, isMethodName, methods, type MethodSpec } from '../../shared/contract'
import type { Result } from '../../shared/errors'
import { connection } from '../stores/connection'
import type { Handshake } from './ws-client'

export interface SessionState {
  /** Null until the host has answered auth.status. */
  readonly status: AuthStatus | null
}

/** Who is signed in on this page's connection, as the host last said. Fed only by the gate below. */
export const useSession = create<SessionState>(() => ({ status: null }))

/**
 * Browser mode keeps the resume token for this tab only (sessionStorage): it survives moving
 * from the login page to a screen and a reconnect, never a closed tab. Electron needs none.
 */
const TOKEN_KEY = 'clinicdesk.session'
const storedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY)
const keepToken = (token: string | null): void =>
  token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY)

const specOf = (method: string): MethodSpec | undefined =>
  isMethodName(method) ? methods[method] : undefined

/** Methods a signed-out page may call (the contract's `public`); every other call waits until a user has signed in. */
const isPublic = (method: string): boolean => specOf(method)?.public === true

/** Methods whose answer is who is signed in now (login, lock, unlock …): the gate takes it as the new status. */
const answersStatus = (method: string): boolean => specOf(method)?.result === AuthStatus

type Waiting = { method: string; params: unknown; resolve: (r: Result<unknown>) => void }

/**
 * Wraps the raw bridge so that screens need not know about sign-in: their calls wait while
 * nobody is signed in (or the screen is locked) and go out once someone is. A call refused as
 * UNAUTHENTICATED (signed out elsewhere, account changed) waits again and re-reads the status.
 */
export function gateBridge(
  createInner: (handshake?: Handshake) => ClinicBridge,
  usesSockets: boolean,
): ClinicBridge {
  const waiting: Waiting[] = []
  let signedInBefore = false
  /** The display's feed was opened without a user: a new socket opens it again the same way. */
  let displayWithoutUser = false

  const apply = (status: AuthStatus): void => {
    if (status.resumeToken) keepToken(status.resumeToken)
    if (status.state === 'signed-out' && usesSockets) keepToken(null)
    const was = useSession.getState().status?.state
    useSession.setState({ status })
    if (status.state === 'signed-in' && was !== 'signed-in') {
      // After a gap the screen may have missed events: every store re-reads.
      if (signedInBefore) connection.setState((s) => ({ resets: s.resets + 1 }))
      signedInBefore = true
      for (const w of waiting.splice(0)) void send(w)
    }
  }

  const isStatus = (value: unknown): value is AuthStatus =>
    typeof value === 'object' && value !== null && 'state' in value && 'setupNeeded' in value

  const send = async (w: Waiting): Promise<void> => {
    const result = await inner.call(w.method as never, w.params as never)
    if (!result.ok && result.error.code === 'UNAUTHENTICATED') {
      waiting.push(w)
      void refresh()
      return
    }
    if (result.ok && answersStatus(w.method)) apply(result.value as AuthStatus)
    w.resolve(result)
  }

  const call = async (method: string, params: unknown): Promise<Result<unknown>> => {
    if (isPublic(method)) {
      const result = await inner.call(method as never, params as never)
      if (result.ok && answersStatus(method)) {
        displayWithoutUser =
          method === 'auth.openDisplay' || (displayWithoutUser && method === 'auth.status')
        apply(result.value as AuthStatus)
      }
      return result
    }
    return new Promise((resolve) => {
      const w = { method, params, resolve }
      if (useSession.getState().status?.state === 'signed-in') void send(w)
      else waiting.push(w)
    })
  }

  const refresh = async (): Promise<void> => {
    const result = await inner.call('auth.status', {})
    if (result.ok) apply(result.value)
  }

  // A new socket is signed out: resume with the token of this tab's sign-in, if any.
  // A socket that drops mid-handshake says nothing about the token: keep it for the next one.
  const dropped = (r: Result<unknown>): boolean => !r.ok && r.error.code === 'DISCONNECTED'
  const handshake: Handshake = async (callNow) => {
    const token = storedToken()
    if (token) {
      const resumed = await callNow('auth.resume', { token })
      if (resumed.ok && isStatus(resumed.value)) return apply(resumed.value)
      if (dropped(resumed)) return
      keepToken(null)
    }
    if (displayWithoutUser) {
      const reopened = await callNow('auth.openDisplay', {})
      if (reopened.ok && isStatus(reopened.value)) return apply(reopened.value)
      if (dropped(reopened)) return
    }
    const status = await callNow('auth.status', {})
    if (status.ok && isStatus(status.value)) apply(status.value)
  }

  const inner = createInner(usesSockets ? handshake : undefined)
  if (!usesSockets) void refresh()
  return { call: call as ClinicBridge['call'], on: inner.on }
}

/** The resume token this tab holds (sent with auth.logout so the host forgets it). */
export const currentResumeToken = storedToken
