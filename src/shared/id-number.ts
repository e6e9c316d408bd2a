/**
 * Mainland resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit region, 8-digit birth
 * date, 3-digit sequence (odd = male), 1 check character. Pure functions: the host validates
 * with them and the reception screen reuses them to prefill birth date and sex and to mask.
 */

import { isRealDate } from './real-date'

/** The birth-date rule checkIdNumber applies, importable from here too. */
export { isRealDate }

/** Weights of the 17 body digits in the ISO 7064 MOD 11-2 checksum. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
/** Check character for each remainder of the weighted sum modulo 11. */
const CHECK_CHARS = '10X98765432'

const SHAPE = /^\d{17}[\dX]$/

/** Why a number is not a valid ID number; the UI turns each into a sentence. */
export type IdNumberProblem = 'format' | 'checksum' | 'birthDate'

export type IdNumberCheck =
  | {
      readonly ok: true
      readonly idNumber: string
      readonly birthDate: string
      readonly sex: 'M' | 'F'
    }
  | { readonly ok: false; readonly problem: IdNumberProblem; readonly message: string }

/** Upper-cases and strips spaces, as people type them ("110101 19900307 123x"). */
export const normalizeIdNumber = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase()

/**
 * The check character for the first 17 digits.
 * @example idNumberCheckChar('11010519491231002') // 'X'
 */
export function idNumberCheckChar(body17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

/**
 * Checks shape, check character and the embedded birth date (a real day); returns the
 * birth date and sex it encodes. Whether that date is plausible (not in the future, not
 * before 1900) is the caller's to judge: only the host knows the clinic's today.
 * @example checkIdNumber('11010519491231002X') // { ok: true, birthDate: '1949-12-31', sex: 'F', … }
 */
export function checkIdNumber(raw: string): IdNumberCheck {
  const idNumber = normalizeIdNumber(raw)
  if (!SHAPE.test(idNumber)) {
    return {
      ok: false,
      problem: 'format',
      message: 'An ID number has 17 digits followed by a digit or X.',
    }
  }
  const expected = idNumberCheckChar(idNumber.slice(0, 17))
  if (idNumber[17] !== expected) {
    return {
      ok: false,
      problem: 'checksum',
      message:
        'The ID number is not valid: its last character does not match the others (a digit may be mistyped).',
    }
  }
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
  if (!isRealDate(birthDate)) {
    return {
      ok: false,
      problem: 'birthDate',
      message: `The ID number encodes a birth date that does not exist (${birthDate}).`,
    }
  }
  return { ok: true, idNumber, birthDate, sex: Number(idNumber[16]) % 2 === 1 ? 'M' : 'F' }
}

/**
 * Shows the region's first 4 and the last 4 characters only.
 * @example maskIdNumber('11010519491231002X') // '1101**********002X'
 */
export function maskIdNumber(idNumber: string): string
export function maskIdNumber(idNumber: string | null): string | null
export function maskIdNumber(idNumber: string | null): string | null {
  if (idNumber === null) return null
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length)
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`
}
