import type { z } from 'zod'

/**
 * Why a field was refused, as a code the screens turn into a sentence in their language
 * ("手机号应为 11 位"): the host's INVALID_INPUT carries it beside the field. Derived from zod's
 * issue for contract checks; the services name their own (checksum, future date…).
 */
export const FIELD_REASONS = [
  'required',
  'tooShort',
  'tooLong',
  'tooSmall',
  'tooBig',
  'pattern',
  'type',
  'choice',
  'unknownKey',
  'invalid',
  'checksum',
  'notRealDay',
  'future',
  'before1900',
  'mismatch',
  'unknownZone',
  'weakSecret',
] as const
export type FieldReason = (typeof FIELD_REASONS)[number]

/** The field, reason and bound (min/max) of one zod issue, as INVALID_INPUT reports them. */
export interface FieldIssue {
  readonly field: string | undefined
  readonly reason: FieldReason
  readonly limit?: number
}

/**
 * Reads one zod issue as field + reason.
 * @example fieldIssue({ code: 'too_small', origin: 'string', minimum: 1, path: ['name'], … })
 * // → { field: 'name', reason: 'required', limit: 1 }
 */
export function fieldIssue(issue: z.core.$ZodIssue): FieldIssue {
  const path =
    issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path
  const field = path.map(String).join('.') || undefined
  switch (issue.code) {
    case 'too_small': {
      const limit = Number(issue.minimum)
      if (issue.origin === 'string' || issue.origin === 'array')
        return { field, reason: limit <= 1 ? 'required' : 'tooShort', limit }
      return { field, reason: 'tooSmall', limit }
    }
    case 'too_big': {
      const limit = Number(issue.maximum)
      const long = issue.origin === 'string' || issue.origin === 'array'
      return { field, reason: long ? 'tooLong' : 'tooBig', limit }
    }
    case 'invalid_format':
      return { field, reason: 'pattern' }
    case 'invalid_type':
      // zod keeps no input on the issue: its message says what it received.
      return {
        field,
        reason: /received (undefined|null)/.test(issue.message) ? 'required' : 'type',
      }
    case 'invalid_value':
      return { field, reason: 'choice' }
    case 'unrecognized_keys':
      return { field, reason: 'unknownKey' }
    case 'custom':
      return { field, reason: issue.message === 'not a real day' ? 'notRealDay' : 'invalid' }
    default:
      return { field, reason: 'invalid' }
  }
}
