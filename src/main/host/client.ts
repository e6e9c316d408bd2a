import type { MethodInput, MethodName, MethodResult } from '../../shared/contract'
import type { AppErrorShape, Result } from '../../shared/errors'
import type { Caller } from '../../shared/roles'
import type { Dispatch } from './dispatcher'

/**
 * The host's own way to call the contract (the Electron entry, browser mode, the demo loader,
 * first-run setup, tests): the same dispatcher as every window and socket, so the same
 * validation and authorization, with the caller said explicitly and the types taken from the
 * contract instead of cast at each call.
 *
 * @example
 * const directory = await client.call(SYSTEM_CALLERS.console, 'directory.get', {})
 * if (directory.ok) directory.value.doctors // Doctor[]
 */
export interface Client {
  /** Never throws: a failure is a Result with its code, as a transport would send it. */
  call<M extends MethodName>(
    caller: Caller,
    method: M,
    params: MethodInput<M>,
  ): Promise<Result<MethodResult<M>>>
  /** For internal callers that cannot go on without the answer: throws CallFailed on a failure. */
  must<M extends MethodName>(
    caller: Caller,
    method: M,
    params: MethodInput<M>,
  ): Promise<MethodResult<M>>
}

/** A call the host made itself failed: a bug or a broken database rather than a user's mistake. */
export class CallFailed extends Error {
  readonly method: MethodName
  readonly error: AppErrorShape
  constructor(method: MethodName, error: AppErrorShape) {
    super(`${method} failed: ${error.code} ${error.message}`)
    this.name = 'CallFailed'
    this.method = method
    this.error = error
  }
}

export function createClient(dispatch: Dispatch): Client {
  const call = async <M extends MethodName>(
    caller: Caller,
    method: M,
    params: MethodInput<M>,
  ): Promise<Result<MethodResult<M>>> =>
    // The one place the contract's pairing is taken on trust: the dispatcher ran methods[M]'s
    // handler, which HandlersFor types as returning MethodResult<M>.
    (await dispatch(caller, method, params)) as Result<MethodResult<M>>
  return {
    call,
    must: async (caller, method, params) => {
      const result = await call(caller, method, params)
      if (!result.ok) throw new CallFailed(method, result.error)
      return result.value
    },
  }
}
