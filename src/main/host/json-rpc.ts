import type { Result } from '../../shared/errors'

/** JSON-RPC 2.0 error codes: the standard ones, and the one we use for application errors. */
export const RPC = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  APPLICATION_ERROR: -32000,
} as const

export type RpcId = string | number | null

export interface RpcRequest {
  readonly jsonrpc: '2.0'
  readonly id?: RpcId
  readonly method: string
  /**
   * Left out means no params. Present, it is handed on as it is, null included (JSON-RPC 2.0 §4.2:
   * params is an object or an array): the dispatcher refuses null with -32602 like any non-object.
   */
  readonly params?: unknown
}

export type RpcResponse =
  | { jsonrpc: '2.0'; id: RpcId; result: unknown }
  | { jsonrpc: '2.0'; id: RpcId; error: { code: number; message: string; data?: unknown } }

export function isRpcRequest(value: unknown): value is RpcRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  const idOk =
    v.id === undefined || v.id === null || typeof v.id === 'string' || typeof v.id === 'number'
  return v.jsonrpc === '2.0' && typeof v.method === 'string' && idOk
}

/** Our Result as a JSON-RPC response: application errors keep our code in error.data.code. */
export function toRpcResponse(id: RpcId, result: Result<unknown>): RpcResponse {
  if (result.ok) return { jsonrpc: '2.0', id, result: result.value ?? null }
  const code =
    result.error.code === 'UNKNOWN_METHOD'
      ? RPC.METHOD_NOT_FOUND
      : result.error.code === 'INVALID_INPUT'
        ? RPC.INVALID_PARAMS
        : result.error.code === 'INTERNAL'
          ? RPC.INTERNAL_ERROR
          : RPC.APPLICATION_ERROR
  return { jsonrpc: '2.0', id, error: { code, message: result.error.message, data: result.error } }
}

export const rpcError = (id: RpcId, code: number, message: string): RpcResponse => ({
  jsonrpc: '2.0',
  id,
  error: { code, message },
})
