import type { AuthStatus, MethodInput } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { currentResumeToken } from '../../api/session'

/**
 * What the sign-in screens ask of the host. Each answer that carries an AuthStatus also feeds
 * useSession (the gate in api/session.ts sees every auth.* reply), so screens follow by themselves.
 */
export const signIn = (
  input: MethodInput<'auth.login'>,
  switching = false,
): Promise<Result<AuthStatus>> => bridge.call(switching ? 'auth.switchUser' : 'auth.login', input)

export const unlock = (secret: string): Promise<Result<AuthStatus>> =>
  bridge.call('auth.unlock', { secret })

/** Idle or on request: the host refuses this screen's calls until the same user unlocks. */
export const lock = (): Promise<Result<AuthStatus>> => bridge.call('auth.lock', {})

/** Signs out, and makes the host forget this tab's resume token. */
export const signOut = (): Promise<Result<AuthStatus>> =>
  bridge.call('auth.logout', { resumeToken: currentResumeToken() ?? undefined })

/** The waiting-room display's feed without a user (when the clinic allows it). */
export const openDisplay = (): Promise<Result<AuthStatus>> => bridge.call('auth.openDisplay', {})

export const refreshStatus = (): Promise<Result<AuthStatus>> => bridge.call('auth.status', {})

export const changeSecret = (input: MethodInput<'auth.changeSecret'>) =>
  bridge.call('auth.changeSecret', input)

/** First run: the clinic and its first admin account. */
export const initSetup = (input: MethodInput<'setup.init'>) => bridge.call('setup.init', input)
