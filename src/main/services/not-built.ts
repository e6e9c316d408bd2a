import { AppError } from '../../shared/errors'
import type { HandlersFor } from './context'

/**
 * TEMPORARY while a feature is being built in parallel: every method of the slice answers
 * INTERNAL "not built yet". Each feature replaces its use of this; nothing ships with it.
 */
export function notBuiltYet<T extends object>(slice: T): HandlersFor<T> {
  const out: Record<string, () => Promise<never>> = {}
  for (const name of Object.keys(slice)) {
    out[name] = () => Promise.reject(new AppError('INTERNAL', { message: `${name} is not built yet` }))
  }
  return out as unknown as HandlersFor<T>
}
