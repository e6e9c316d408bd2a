import type { TFunction } from 'i18next'
import type { Sex } from '../../shared/contract'
import { differenceInYears, isValid, parseISO } from 'date-fns'
import { fromDay } from './dates'

export const sexLabel = (t: TFunction, sex: Sex): string => t(`reception.sex.${sex}`)

/** "35岁" / "35 y" on a day; '' without a birth date. */
export function ageLabel(t: TFunction, birthDate: string | null, day: string): string {
  if (!birthDate || !day) return ''
  return t('reception.age', { count: differenceInYears(fromDay(day), fromDay(birthDate)) })
}

/**
 * What an 18-character resident ID number says about its holder, to prefill the form:
 * digits 7–14 are the birth date, digit 17 is odd for men. The host checks the checksum.
 */
export function readIdNumber(idNumber: string): { birthDate: string; sex: Sex } | null {
  const id = idNumber.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return null
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (!isValid(parseISO(birthDate))) return null
  return { birthDate, sex: Number(id[16]) % 2 === 1 ? 'M' : 'F' }
}
