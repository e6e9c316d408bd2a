import { useEffect, useId, useRef } from 'react'
import type { AppErrorShape } from '../../../shared/errors'
import { linkSentence } from '../../components/field-errors'
import { errorSentence } from '../../i18n'

/** True when an INVALID_INPUT error names this field (the host reports "horizonDays" or "patient.phone"). */
export const isFieldError = (error: AppErrorShape | null, field: string): boolean =>
  error?.code === 'INVALID_INPUT' &&
  (error.field === field || error.field?.startsWith(`${field}.`) === true)

/**
 * The sentence for an error, shown next to the field it names (and linked to it: aria-invalid,
 * aria-describedby); nothing for other fields.
 */
export function FieldError({
  error,
  field,
  text,
}: {
  error: AppErrorShape | null
  field: string
  text?: string
}) {
  const id = useId()
  const ref = useRef<HTMLSpanElement>(null)
  const shown = isFieldError(error, field) && error !== null
  useEffect(() => (shown && ref.current ? linkSentence(ref.current) : undefined), [shown])
  if (!shown) return null
  return (
    <span ref={ref} id={id} className="field-error" role="alert" data-testid={`error-${field}`}>
      {text ?? errorSentence(error)}
    </span>
  )
}

/** The error sentence for the form as a whole, unless a field already shows it. */
export function FormError({
  error,
  fields,
}: {
  error: AppErrorShape | null
  fields: readonly string[]
}) {
  if (!error || fields.some((f) => isFieldError(error, f))) return null
  return (
    <span className="error" role="alert">
      {errorSentence(error)}
    </span>
  )
}
