/** One changed field of an audited record. */
export interface FieldChange {
  readonly key: string
  readonly before: unknown
  readonly after: unknown
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The fields an audit row changed, so the admin reads "status: CONFIRMED → CANCELED" rather than
 * two JSON blobs. A created record lists its fields with before = undefined.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before) && !isRecord(after))
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ key: '', before, after }]
  const b = isRecord(before) ? before : {}
  const a = isRecord(after) ? after : {}
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((key) => ({ key, before: b[key], after: a[key] }))
}

/** A value as one short line of text. */
export const shortValue = (v: unknown): string => {
  if (v === undefined) return '∅'
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 60 ? `${s.slice(0, 57)}…` : s
}
