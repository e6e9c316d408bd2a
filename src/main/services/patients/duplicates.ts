import type { Transaction } from 'kysely'
import { AppError } from '../../../shared/errors'
import type { DB } from '../../db/schema'
import type { PatientFields } from './validate'

/** A patient the desk may have meant instead of creating a new record. */
export interface DuplicateMatch {
  readonly id: number
  readonly name: string
}

/**
 * Refuses a second record for the same person, inside the write transaction (BEGIN IMMEDIATE
 * serializes writers, so nothing can slip in between the check and the insert).
 * The same ID number is the same person: always refused. The same name and phone is probably
 * the same person: refused with the matches unless the desk confirmed it is not (acceptDuplicate).
 */
export async function refuseDuplicates(
  tx: Transaction<DB>,
  fields: PatientFields,
  options: {
    readonly exceptId?: number
    readonly acceptDuplicate: boolean
    readonly checkNamePhone: boolean
  },
): Promise<void> {
  const others = () => {
    // A record retired by patients.merge is no one's duplicate.
    const query = tx.selectFrom('patients').select(['id', 'name']).where('merged_into', 'is', null)
    return options.exceptId === undefined ? query : query.where('id', '!=', options.exceptId)
  }
  if (fields.idNumber !== null) {
    const same = await others().where('id_number', '=', fields.idNumber).execute()
    if (same.length > 0) {
      throw new AppError('DUPLICATE_PATIENT', {
        field: 'idNumber',
        message: `This ID number is already registered to ${describe(same)}.`,
        details: { matches: same, acceptable: false },
      })
    }
  }
  if (fields.phone !== null && options.checkNamePhone && !options.acceptDuplicate) {
    const same = await others()
      .where('phone', '=', fields.phone)
      .where('name', '=', fields.name)
      .orderBy('id', 'desc')
      .limit(10)
      .execute()
    if (same.length > 0) {
      throw new AppError('DUPLICATE_PATIENT', {
        field: 'name',
        message: `${describe(same)} has the same name and phone. Use that record, or confirm that this is a different person.`,
        details: { matches: same, acceptable: true },
      })
    }
  }
}

const describe = (matches: readonly DuplicateMatch[]): string =>
  matches.map((m) => `${m.name} (#${m.id})`).join(', ')
