import { fail } from '../../shared/errors'
import { isRpcRequest, toRpcResponse, type RpcResponse } from './json-rpc'

/** The largest request frame the host carries out: no method's params come near it. docs/API.md states it. */
export const MAX_FRAME_BYTES = 256 * 1024

/**
 * The largest frame the host reads at all; ws refuses a bigger one from its header, before buffering
 * it, and closes the socket with 1009 (Message Too Big). Above the cap so that a frame a little over
 * it is still read, and answered rather than cut off with the calls still running on its socket.
 */
export const MAX_READ_BYTES = 4 * MAX_FRAME_BYTES

/**
 * The answer to a frame over the cap: INVALID_INPUT, under the request's id when the frame is a
 * request, so the call that sent it is not left waiting (null for a notification, which is never
 * answered). The frame is not carried out; the socket stays open.
 */
export function oversizeAnswer(text: string, bytes: number): RpcResponse | null {
  let id: RpcResponse['id'] = null
  try {
    const message: unknown = JSON.parse(text)
    if (isRpcRequest(message)) {
      if (message.id === undefined) return null
      id = message.id
    }
  } catch {
    // Not JSON: answered with id null, as a parse error is.
  }
  return toRpcResponse(
    id,
    fail('INVALID_INPUT', {
      message: `The request is too large (${bytes} bytes; the host takes at most ${MAX_FRAME_BYTES}).`,
      details: { bytes, maxBytes: MAX_FRAME_BYTES },
    }),
  )
}
