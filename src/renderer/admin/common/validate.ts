import type { z } from 'zod'
import type { AppErrorShape } from '../../../shared/errors'
import { fieldIssue } from '../../../shared/field-reason'

/**
 * Checks a form's value against the contract's own input schema before sending, so the admin
 * sees the same rule the host enforces next to the field at once. The first problem wins, shaped
 * like the host's INVALID_INPUT (field = the input path).
 */
export function checkInput(schema: z.ZodType, value: unknown): AppErrorShape | null {
  const parsed = schema.safeParse(value)
  if (parsed.success) return null
  const issue = parsed.error.issues[0]
  if (!issue) return null
  const { field, reason, limit } = fieldIssue(issue)
  return {
    code: 'INVALID_INPUT',
    message: issue.message,
    field: field ?? '',
    reason,
    ...(limit !== undefined ? { details: { limit } } : {}),
  }
}

/** A number input's bounds, read from the contract's schema (optional/default wrappers unwrapped). */
export function rangeOf(schema: z.ZodType): { min: number; max: number } | null {
  let s: unknown = schema
  for (let i = 0; i < 4; i++) {
    const inner = s as {
      minValue?: number | null
      maxValue?: number | null
      unwrap?: () => unknown
      def?: { innerType?: unknown }
    }
    if (typeof inner.minValue === 'number' && typeof inner.maxValue === 'number')
      return { min: inner.minValue, max: inner.maxValue }
    const next = inner.def?.innerType
    if (!next) return null
    s = next
  }
  return null
}
