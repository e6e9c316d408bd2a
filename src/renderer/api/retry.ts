import type { ClinicBridge } from '../../shared/bridge'
import type { MethodInput, MethodName, MethodResult } from '../../shared/contract'
import type { Result } from '../../shared/errors'
import { connection } from '../stores/connection'

/** Methods whose input carries an idempotency key: sending one twice does it at most once. */
export type KeyedMethod = {
  [M in MethodName]: MethodInput<M> extends { readonly idempotencyKey: string } ? M : never
}[MethodName]

/** How long a submission waits for the link to come back before it tells the user. */
export const RECONNECT_WAIT_MS = 10_000

/** Resolves true once the connection is back (signed in again), false after `ms` without it. */
export function reconnected(ms: number = RECONNECT_WAIT_MS): Promise<boolean> {
  if (connection.getState().status === 'connected') return Promise.resolve(true)
  return new Promise((resolve) => {
    const done = (value: boolean): void => {
      clearTimeout(timer)
      unsubscribe()
      resolve(value)
    }
    const timer = setTimeout(() => done(false), ms)
    const unsubscribe = connection.subscribe((s) => s.status === 'connected' && done(true))
  })
}

/**
 * Calls a keyed method; when the link drops before the answer, waits for the reconnect and sends
 * the very same input (same key) once more, so the user sees the true outcome: done once (the
 * host replays the first result) or the reason it was not. Still DISCONNECTED after that: the
 * caller keeps the key, so a later press cannot do it twice.
 *
 * @example
 * const r = await callKeyed(bridge, 'appointments.book', { slotId, patientId, idempotencyKey })
 */
export async function callKeyed<M extends KeyedMethod>(
  bridge: ClinicBridge,
  method: M,
  params: MethodInput<M>,
): Promise<Result<MethodResult<M>>> {
  const first = await bridge.call(method, params)
  if (first.ok || first.error.code !== 'DISCONNECTED') return first
  if (!(await reconnected())) return first
  return bridge.call(method, params)
}

/** True when the outcome is unknown because the link dropped: keep the submission's key. */
export const outcomeUnknown = (result: Result<unknown>): boolean =>
  !result.ok && result.error.code === 'DISCONNECTED'
