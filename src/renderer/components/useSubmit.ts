import { useCallback, useRef, useState } from 'react'
import type { AppErrorShape, Result } from '../../shared/errors'
import { errorSentence } from '../i18n'

/**
 * Runs a submission once at a time: a second click while the first is in flight does nothing.
 * Keeps the outcome as a sentence for the form to show.
 */
export function useSubmit<T>(submit: () => Promise<Result<T>>, onDone?: (value: T) => void) {
  const inFlight = useRef(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const run = useCallback(async () => {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(true)
    setError(null)
    try {
      const result = await submit()
      if (result.ok) onDone?.(result.value)
      else setError(result.error)
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }, [submit, onDone])
  return { run, busy, error, errorText: error ? errorSentence(error) : null }
}
