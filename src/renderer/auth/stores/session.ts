import type { AuthStatus, MethodInput } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { currentResumeToken } from '../../api/session'
import { deviceTokenFor, keepDeviceToken } from '../device-tokens'

/** The user's device token rides along (device-tokens.ts); a new one in the answer is kept. */
async function withDevice(
  username: string | undefined,
  send: (device: { deviceToken?: string }) => Promise<Result<AuthStatus>>,
): Promise<Result<AuthStatus>> {
  const deviceToken = username ? deviceTokenFor(username) : undefined
  const result = await send(deviceToken ? { deviceToken } : {})
  if (result.ok) keepDeviceToken(result.value)
  return result
}

/**
 * What the sign-in screens ask of the host. Each answer that carries an AuthStatus also feeds
 * useSession (the gate in api/session.ts sees every auth.* reply), so screens follow by themselves.
 */
export const signIn = (
  input: Omit<MethodInput<'auth.login'>, 'deviceToken'>,
  switching = false,
): Promise<Result<AuthStatus>> =>
  withDevice(input.username, (device) =>
    bridge.call(switching ? 'auth.switchUser' : 'auth.login', { ...input, ...device }),
  )

/** The locked screen's own user unlocks it. */
export const unlock = (username: string | undefined, secret: string): Promise<Result<AuthStatus>> =>
  withDevice(username, (device) => bridge.call('auth.unlock', { secret, ...device }))

/** Idle or on request: the host refuses this screen's calls until the same user unlocks. */
export const lock = (): Promise<Result<AuthStatus>> => bridge.call('auth.lock', {})

/** Signs out, and makes the host forget this tab's resume token. */
export const signOut = (): Promise<Result<AuthStatus>> =>
  bridge.call('auth.logout', { resumeToken: currentResumeToken() ?? undefined })

/** The waiting-room display's feed without a user (when the clinic allows it). */
export const openDisplay = (): Promise<Result<AuthStatus>> => bridge.call('auth.openDisplay', {})

export const refreshStatus = (): Promise<Result<AuthStatus>> => bridge.call('auth.status', {})

export const changeSecret = (
  username: string | undefined,
  input: Omit<MethodInput<'auth.changeSecret'>, 'deviceToken'>,
) => {
  const deviceToken = username ? deviceTokenFor(username) : undefined
  return bridge.call('auth.changeSecret', { ...input, ...(deviceToken ? { deviceToken } : {}) })
}

/** First run: the clinic and its first admin account. */
export const initSetup = (input: MethodInput<'setup.init'>) => bridge.call('setup.init', input)
