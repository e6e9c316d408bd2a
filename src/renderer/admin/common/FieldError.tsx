import type { AppErrorShape } from '../../../shared/errors'
import { errorSentence } from '../../i18n'

/** True when an INVALID_INPUT error names this field (the host reports "horizonDays" or "patient.phone"). */
export const isFieldError = (error: AppErrorShape | null, field: string): boolean =>
  error?.code === 'INVALID_INPUT' &&
  (error.field === field || error.field?.startsWith(`${field}.`) === true)

/** The sentence for an error, shown next to the field it names; nothing for other fields. */
export function FieldError({
  error,
  field,
  text,
}: {
  error: AppErrorShape | null
  field: string
  text?: string
}) {
  if (!isFieldError(error, field) || !error) return null
  return (
    <span className="field-error" role="alert" data-testid={`error-${field}`}>
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
