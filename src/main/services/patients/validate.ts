import type { MethodParsed, Sex } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { FieldReason } from '../../../shared/field-reason'
import { checkIdNumber, isRealDate, type IdNumberProblem } from '../../../shared/id-number'

/** A patient's own fields, checked and completed: what gets stored. */
export interface PatientFields {
  readonly name: string
  readonly sex: Sex
  readonly birthDate: string | null
  readonly phone: string | null
  readonly idNumber: string | null
  readonly note: string
}

type PatientInput = Omit<MethodParsed<'patients.register'>, 'acceptDuplicate'>

const ID_REASONS: Record<IdNumberProblem, FieldReason> = {
  format: 'pattern',
  checksum: 'checksum',
  birthDate: 'notRealDay',
}

const SEX_WORDS: Record<Sex, string> = { M: 'male', F: 'female', U: 'unknown' }

/**
 * The checks the contract's schema cannot make alone: real dates, nothing born after today
 * (the clinic's today), and an ID number whose check character, birth date and sex agree with
 * the rest of the form. A missing birth date, or sex given as unknown, is taken from the ID
 * number, so the desk types the number once. Each failure names the field at fault.
 */
export function validatePatient(input: PatientInput, today: string): PatientFields {
  let { birthDate, sex } = input
  if (birthDate !== null) checkBirthDate(birthDate, today, 'birthDate')
  if (input.idNumber !== null) {
    const id = checkIdNumber(input.idNumber)
    if (!id.ok)
      throw new AppError('INVALID_INPUT', {
        field: 'idNumber',
        reason: ID_REASONS[id.problem],
        message: id.message,
      })
    checkBirthDate(id.birthDate, today, 'idNumber')
    if (birthDate === null) birthDate = id.birthDate
    else if (birthDate !== id.birthDate) {
      throw new AppError('INVALID_INPUT', {
        field: 'birthDate',
        reason: 'mismatch',
        message: `The birth date ${birthDate} does not match the ID number, which gives ${id.birthDate}.`,
      })
    }
    if (sex === 'U') sex = id.sex
    else if (sex !== id.sex) {
      throw new AppError('INVALID_INPUT', {
        field: 'sex',
        reason: 'mismatch',
        message: `Sex is given as ${SEX_WORDS[sex]}, but the ID number says ${SEX_WORDS[id.sex]} (its 17th digit is ${id.sex === 'M' ? 'odd' : 'even'}).`,
      })
    }
  }
  return {
    name: input.name,
    sex,
    birthDate,
    phone: input.phone,
    idNumber: input.idNumber,
    note: input.note,
  }
}

function checkBirthDate(date: string, today: string, field: 'birthDate' | 'idNumber'): void {
  const what =
    field === 'idNumber'
      ? `The ID number gives the birth date ${date}, which`
      : `The birth date ${date}`
  if (!isRealDate(date))
    throw new AppError('INVALID_INPUT', {
      field,
      reason: 'notRealDay',
      message: `${what} is not a real day.`,
    })
  if (date < '1900-01-01')
    throw new AppError('INVALID_INPUT', {
      field,
      reason: 'before1900',
      message: `${what} is before 1900.`,
    })
  if (date > today)
    throw new AppError('INVALID_INPUT', {
      field,
      reason: 'future',
      message: `${what} is in the future (today is ${today}).`,
    })
}
