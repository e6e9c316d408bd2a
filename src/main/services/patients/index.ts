import type { Transaction } from 'kysely'
import type { patientMethods } from '../../../shared/contract/patients'
import { AppError } from '../../../shared/errors'
import type { DB } from '../../db/schema'
import type { ReadDb } from '../../db/write'
import type { HandlersFor, ServiceContext } from '../context'
import { nameSearchKeys } from './search-keys'
import { refuseDuplicates } from './duplicates'
import { PATIENT_COLUMNS, toPatient } from './rows'
import { searchPatients } from './search'
import { validatePatient } from './validate'
import { clinicNow, readSettings } from '../settings'

export const patientHandlers: HandlersFor<typeof patientMethods> = {
  'patients.register': async (input, ctx) => {
    const fields = validatePatient(input, await clinicToday(ctx))
    return ctx.write(async ({ tx, now, audit, emit }) => {
      await refuseDuplicates(tx, fields, {
        acceptDuplicate: input.acceptDuplicate,
        checkNamePhone: true,
      })
      const row = await tx
        .insertInto('patients')
        .values({
          name: fields.name,
          sex: fields.sex,
          birth_date: fields.birthDate,
          phone: fields.phone,
          id_number: fields.idNumber,
          note: fields.note,
          ...nameSearchKeys(fields.name),
          created_at: now,
          updated_at: now,
        })
        .returning(PATIENT_COLUMNS)
        .executeTakeFirstOrThrow()
      const patient = toPatient(row)
      audit({ entity: 'patient', entityId: patient.id, after: patient })
      emit('patients.changed', { patientIds: [patient.id] })
      return patient
    })
  },

  'patients.update': async (input, ctx) => {
    const fields = validatePatient(input, await clinicToday(ctx))
    return ctx.write(async ({ tx, now, audit, emit }) => {
      const before = await patientById(tx, input.id)
      // Re-asking about a name + phone pair the desk already accepted would block every later edit.
      const checkNamePhone = before.name !== fields.name || before.phone !== fields.phone
      await refuseDuplicates(tx, fields, {
        exceptId: input.id,
        acceptDuplicate: input.acceptDuplicate,
        checkNamePhone,
      })
      const row = await tx
        .updateTable('patients')
        .set({
          name: fields.name,
          sex: fields.sex,
          birth_date: fields.birthDate,
          phone: fields.phone,
          id_number: fields.idNumber,
          note: fields.note,
          ...nameSearchKeys(fields.name),
          updated_at: now,
        })
        .where('id', '=', input.id)
        .returning(PATIENT_COLUMNS)
        .executeTakeFirstOrThrow()
      const patient = toPatient(row)
      audit({ entity: 'patient', entityId: patient.id, before, after: patient })
      emit('patients.changed', { patientIds: [patient.id] })
      return patient
    })
  },

  'patients.get': async (input, { read }) => patientById(read, input.id),

  'patients.search': async (input, { read }) => searchPatients(read, input.q, input.limit),
}

export async function patientById(db: ReadDb | Transaction<DB>, id: number) {
  const row = await db
    .selectFrom('patients')
    .select([...PATIENT_COLUMNS, 'merged_into'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', { field: 'id', message: `There is no patient #${id}.` })
  // A retired record (patients.merge) is neither shown nor edited: the caller follows mergedInto.
  if (row.merged_into !== null)
    throw new AppError('PATIENT_MERGED', {
      field: 'id',
      message: `Patient #${id} was merged into #${row.merged_into}.`,
      details: { mergedInto: row.merged_into },
    })
  return toPatient(row)
}

/** The clinic's today, for "not born in the future". */
export async function clinicToday({ read, clock }: ServiceContext): Promise<string> {
  return clinicNow(clock, await readSettings(read)).today
}
