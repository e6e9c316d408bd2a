import { hasRuntimeText, runtimeText } from './readable'
import type { AppErrorShape } from '../../shared/errors'

/**
 * The sentence for an INVALID_INPUT that names a field: the field's own wording for the reason
 * ("手机号应为 11 位"), else the reason's ("不能晚于今天"), else null (the code's sentence then).
 * A field path ("patient.phone") is looked up by its last part.
 *
 * @example fieldSentence({ code: 'INVALID_INPUT', field: 'phone', reason: 'pattern', message: '' })
 * // '手机号应为 11 位，以 13–19 开头。'
 */
export function fieldSentence(error: AppErrorShape): string | null {
  if (error.code !== 'INVALID_INPUT' || !error.field) return null
  const field = error.field.split('.').at(-1) ?? error.field
  const limit = typeof error.details?.limit === 'number' ? error.details.limit : undefined
  const problem = error.details?.problem
  if (error.reason === 'weakSecret' && typeof problem === 'string') {
    const key = `auth.secretProblem.${problem}`
    if (hasRuntimeText(key)) return runtimeText(key)
  }
  const reason = error.reason ?? 'invalid'
  for (const key of [`fieldErrors.field.${field}.${reason}`, `fieldErrors.reason.${reason}`]) {
    if (hasRuntimeText(key)) return runtimeText(key, { limit })
  }
  return runtimeText('fieldErrors.reason.invalid')
}
