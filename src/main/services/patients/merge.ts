import type { Transaction } from 'kysely'
import {
  LIVE_STATUSES,
  MERGE_FILLABLE,
  type MergeFillable,
  type Patient,
  type patientMergeMethods,
} from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { DB } from '../../db/schema'
import type { WriteContext } from '../../db/write'
import type { HandlersFor } from '../context'
import { clinicNow, readSettings } from '../settings'
import { PATIENT_COLUMNS, toPatient } from './rows'
import { validatePatient, type PatientFields } from './validate'

/**
 * patients.merge: one person's two records become one, in one transaction.
 *
 * - Every appointment of the retired record, live and archived, moves to the kept one (idempotency
 *   keys stay on their rows, so a late retry still finds its first result; see appointments' replay).
 * - The rule "one live booking per patient per doctor per day" is never broken by a merge: when both
 *   records hold a live booking with the same doctor on the same day the merge is refused with
 *   ALREADY_BOOKED naming the pairs; the desk cancels or moves one of them first. Nothing is
 *   cancelled behind anyone's back.
 * - Blank fields of the kept record (sex unknown, no birth date, phone, ID number or note) are filled
 *   from the retired one, so nothing the desk once typed is lost. An ID number moves (it is unique)
 *   only when it agrees with the kept record's birth date and sex.
 * - The retired record stays, pointing at the kept one (merged_into): search and the duplicate
 *   checks skip it, patients.get answers PATIENT_MERGED naming the kept record, and records merged
 *   into it earlier now point at the kept one too (never a chain).
 */
export const patientMergeHandlers: HandlersFor<typeof patientMergeMethods> = {
  'patients.merge': async ({ keepId, retireId, reason }, ctx) => {
    if (keepId === retireId)
      throw new AppError('INVALID_INPUT', {
        field: 'retireId',
        message: 'A record cannot be merged into itself: pick two different patients.',
      })
    const settings = await readSettings(ctx.read)
    const { today } = clinicNow(ctx.clock, settings)
    return ctx.write(async (w) => {
      const keep = await liveRecord(w.tx, keepId, 'keepId')
      const retire = await liveRecord(w.tx, retireId, 'retireId')
      await refuseClashes(w.tx, keepId, retireId, settings.onePerDoctorPerDay)
      const moved = await moveAppointments(w, keepId, retireId)
      const { fields, filled } = fillBlanks(keep, retire, today)
      const keptAfter = await saveKept(w, keepId, retire, fields, filled)
      await retireRecord(w, keepId, retireId)

      const retiredAfter = { ...toPatient(retire), mergedInto: keepId }
      w.audit({
        entity: 'patient',
        entityId: retireId,
        before: toPatient(retire),
        after: {
          ...retiredAfter,
          idNumber: filled.includes('idNumber') ? null : retire.id_number,
          reason,
        },
      })
      w.audit({
        entity: 'patient',
        entityId: keepId,
        before: toPatient(keep),
        after: {
          ...keptAfter,
          mergedFrom: retireId,
          reason,
          movedLive: moved.live.length,
          movedArchived: moved.archived,
          filled,
        },
      })
      emitMoves(w, moved.live, today)
      w.emit('patients.merged', { keptId: keepId, retiredId: retireId })
      return {
        kept: keptAfter,
        retiredId: retireId,
        movedLive: moved.live.length,
        movedArchived: moved.archived,
        filled,
      }
    })
  },
}

type PatientRecord = Awaited<ReturnType<typeof recordById>> & object

const recordById = (tx: Transaction<DB>, id: number) =>
  tx
    .selectFrom('patients')
    .select([...PATIENT_COLUMNS, 'merged_into'])
    .where('id', '=', id)
    .executeTakeFirst()

/** The record, refused when there is none or when it was already merged away. */
async function liveRecord(
  tx: Transaction<DB>,
  id: number,
  field: 'keepId' | 'retireId',
): Promise<PatientRecord> {
  const row = await recordById(tx, id)
  if (!row) throw new AppError('NOT_FOUND', { field, message: `There is no patient #${id}.` })
  if (row.merged_into !== null)
    throw new AppError('PATIENT_MERGED', {
      field,
      message: `Patient #${id} was already merged into #${row.merged_into}.`,
      details: { mergedInto: row.merged_into },
    })
  return row
}

/**
 * Live bookings of both records with the same doctor on the same day. With the clinic rule on, any
 * such pair refuses the merge; with it off, only pairs the unique index would refuse (both guarded).
 */
async function refuseClashes(
  tx: Transaction<DB>,
  keepId: number,
  retireId: number,
  onePerDoctorPerDay: boolean,
): Promise<void> {
  const pairs = await tx
    .selectFrom('appointments as r')
    .innerJoin('appointments as k', (join) =>
      join.onRef('k.doctor_id', '=', 'r.doctor_id').onRef('k.date', '=', 'r.date'),
    )
    .innerJoin('doctors as d', 'd.id', 'r.doctor_id')
    .select([
      'r.date',
      'r.doctor_id as doctorId',
      'd.name as doctorName',
      'k.id as keptAppointmentId',
      'r.id as retiredAppointmentId',
      'k.live_guard as keptGuard',
      'r.live_guard as retiredGuard',
    ])
    .where('r.patient_id', '=', retireId)
    .where('k.patient_id', '=', keepId)
    .where('r.status', 'in', [...LIVE_STATUSES])
    .where('k.status', 'in', [...LIVE_STATUSES])
    .orderBy('r.date')
    .execute()
  const clashes = pairs
    .filter((p) => onePerDoctorPerDay || (p.keptGuard === 1 && p.retiredGuard === 1))
    .map(({ keptGuard: _k, retiredGuard: _r, ...clash }) => clash)
  if (clashes.length === 0) return
  const list = clashes
    .map(
      (c) =>
        `${c.doctorName} on ${c.date} (#${c.keptAppointmentId} and #${c.retiredAppointmentId})`,
    )
    .join(', ')
  throw new AppError('ALREADY_BOOKED', {
    field: 'retireId',
    message: `Both records have a live booking with ${list}: one patient may hold only one per doctor per day. Cancel or move one of them, then merge.`,
    details: { clashes },
  })
}

interface MovedLive {
  readonly id: number
  readonly doctor_id: number
  readonly date: string
}

async function moveAppointments(
  w: WriteContext,
  keepId: number,
  retireId: number,
): Promise<{ live: MovedLive[]; archived: number }> {
  const live = await w.tx
    .updateTable('appointments')
    .set({ patient_id: keepId, updated_at: w.now })
    .where('patient_id', '=', retireId)
    .returning(['id', 'doctor_id', 'date'])
    .execute()
  const archived = await w.tx
    .updateTable('appointments_archive')
    .set({ patient_id: keepId })
    .where('patient_id', '=', retireId)
    .executeTakeFirst()
  // The 爽约 history goes with the bookings: a lift on the retired record still holds.
  await w.tx
    .updateTable('suspension_lifts')
    .set({ patient_id: keepId })
    .where('patient_id', '=', retireId)
    .execute()
  // RETURNING has no order: SQLite gives rowid order, PostgreSQL the rows' place on disk (an
  // updated row moves). Sorted by id, the events and their appointmentIds come out alike on both.
  live.sort((x, y) => x.id - y.id)
  return { live, archived: Number(archived.numUpdatedRows) }
}

/** The kept record's fields with its blanks filled from the retired one, and which were filled. */
export function fillBlanks(
  keep: PatientRecord,
  retire: PatientRecord,
  today: string,
): { fields: PatientFields; filled: MergeFillable[] } {
  const filled: MergeFillable[] = []
  const take = <T>(field: MergeFillable, mine: T, theirs: T, blank: T): T => {
    if (mine !== blank || theirs === blank) return mine
    filled.push(field)
    return theirs
  }
  const base = {
    name: keep.name,
    sex: take('sex', keep.sex, retire.sex, 'U'),
    birthDate: take('birthDate', keep.birth_date, retire.birth_date, null),
    phone: take('phone', keep.phone, retire.phone, null),
    idNumber: keep.id_number,
    note: take('note', keep.note, retire.note, ''),
  }
  if (keep.id_number === null && retire.id_number !== null) {
    try {
      const withId = validatePatient({ ...base, idNumber: retire.id_number }, today)
      filled.push('idNumber')
      filled.sort((x, y) => MERGE_FILLABLE.indexOf(x) - MERGE_FILLABLE.indexOf(y))
      return { fields: withId, filled }
    } catch (error) {
      if (!(error instanceof AppError)) throw error
    }
  }
  return { fields: base, filled }
}

async function saveKept(
  w: WriteContext,
  keepId: number,
  retire: PatientRecord,
  fields: PatientFields,
  filled: readonly MergeFillable[],
): Promise<Patient> {
  // The ID number is unique: the retired record lets go of it before the kept one takes it.
  if (filled.includes('idNumber'))
    await w.tx
      .updateTable('patients')
      .set({ id_number: null })
      .where('id', '=', retire.id)
      .executeTakeFirstOrThrow()
  const row = await w.tx
    .updateTable('patients')
    .set({
      sex: fields.sex,
      birth_date: fields.birthDate,
      phone: fields.phone,
      id_number: fields.idNumber,
      note: fields.note,
      ...(filled.length > 0 ? { updated_at: w.now } : {}),
    })
    .where('id', '=', keepId)
    .returning(PATIENT_COLUMNS)
    .executeTakeFirstOrThrow()
  return toPatient(row)
}

async function retireRecord(w: WriteContext, keepId: number, retireId: number): Promise<void> {
  const done = await w.tx
    .updateTable('patients')
    .set({ merged_into: keepId, merged_at: w.now, updated_at: w.now })
    .where('id', '=', retireId)
    .where('merged_into', 'is', null)
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw new AppError('STALE', { field: 'retireId' })
  await w.tx
    .updateTable('patients')
    .set({ merged_into: keepId })
    .where('merged_into', '=', retireId)
    .execute()
}

/** Each doctor-day whose list shows a moved booking re-reads it; today's also repaints the board. */
function emitMoves(w: WriteContext, moved: readonly MovedLive[], today: string): void {
  const days = new Map<string, { doctorId: number; date: string; appointmentIds: number[] }>()
  for (const a of moved) {
    const key = `${a.doctor_id}|${a.date}`
    const day = days.get(key) ?? { doctorId: a.doctor_id, date: a.date, appointmentIds: [] }
    day.appointmentIds.push(a.id)
    days.set(key, day)
  }
  for (const day of days.values()) {
    w.emit('appointments.changed', day)
    if (day.date === today) w.emit('display.changed', { doctorId: day.doctorId })
  }
}
