import { hasRuntimeText, readableZhCN, runtimeText } from '../../i18n/readable'
import type { ClinicTimeStyle } from '../../../shared/clinic-time'
import { shortValue } from './diff'

/**
 * The audit log as a person reads it: the action, the record and its fields in the screen's
 * language, and values as the screens show them (status labels, clinic-zone times, yes/no).
 * The stored row is unchanged: these are labels over it, falling back to the raw name.
 */

const first = (keys: readonly string[], fallback: string): string => {
  const found = keys.find(hasRuntimeText)
  return found ? runtimeText(found) : fallback
}

/** "appointments.book" → "预约挂号". */
export const actionLabel = (action: string): string => first([`auditText.action.${action}`], action)

/** Every record kind the log names (the catalogue lists each one), for the record filter. */
export const AUDIT_ENTITIES: readonly string[] = Object.keys(readableZhCN.auditText.entity)

/** "appointment" → "预约". */
export const entityLabel = (entity: string): string => first([`auditText.entity.${entity}`], entity)

const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** A field of a record (camelCase or a column's snake_case): a setting's label, else the audit names, else the key. */
export const fieldLabel = (key: string): string =>
  first([`admin.settings.${key}.label`, `auditText.field.${camel(key)}`], key)

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/** Which catalogue words a field's values are, when they are codes. */
const VALUE_WORDS: Record<string, string> = {
  status: 'reception.status',
  source: 'auditText.source',
  sex: 'auditText.sex',
  role: 'admin.staff.roles',
  secretKind: 'admin.staff.kinds',
  kind: 'reports.exportKinds',
}

/** A value as the screens show it; `clinicTime` formats instants in the clinic's zone. */
export function valueText(
  key: string,
  value: unknown,
  clinicTime: (at: string, style?: ClinicTimeStyle) => string,
): string {
  if (value === undefined || value === null || value === '') return runtimeText('auditText.empty')
  if (typeof value === 'boolean') return runtimeText(value ? 'auditText.yes' : 'auditText.no')
  if (typeof value === 'string') {
    const words = VALUE_WORDS[camel(key)]
    if (words && hasRuntimeText(`${words}.${value}`)) return runtimeText(`${words}.${value}`)
    if (ISO_INSTANT.test(value)) return clinicTime(value)
  }
  return shortValue(value)
}
