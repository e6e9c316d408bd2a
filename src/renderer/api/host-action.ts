import type { MethodInput, MethodName, MethodResult } from '../../shared/contract'
import type { Result } from '../../shared/errors'
import { bridge } from './bridge'

/**
 * A store action that is exactly one host call, typed from the contract: screens' stores declare
 * theirs with it, so components reach the host only through a store and never import the bridge.
 *
 * @example
 * export const createRoom = hostAction('rooms.create')
 * const result = await createRoom({ name: '3诊室' })
 */
export const hostAction =
  <M extends MethodName>(method: M) =>
  (params: MethodInput<M>): Promise<Result<MethodResult<M>>> =>
    bridge.call(method, params)

/** Calls back on each event of this name; returns the unsubscribe (for a hook's effect cleanup). */
export const onHostEvent: typeof bridge.on = (event, listener) => bridge.on(event, listener)
