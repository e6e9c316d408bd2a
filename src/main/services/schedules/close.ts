import type { Transaction } from 'kysely'
import { LIVE_STATUSES } from '../../../shared/contract'
import type { DB } from '../../db/schema'
import type { WriteContext } from '../../db/write'
import { coveredByLeave } from '../leave/cover'

/**
 * Closes every band of the given doctor-days (CLOSED refuses bookings and holds) and lists the
 * live appointments in them: they are kept, for the desk to call and move.
 */
export async function closeBands(
  w: WriteContext,
  date: string,
  doctorId?: number,
): Promise<{ closedSlots: number; affectedAppointmentIds: number[] }> {
  const { tx, emit } = w
  let slots = tx
    .selectFrom('doctor_schedules')
    .select(['id', 'doctor_id'])
    .where('date', '=', date)
    .where('status', '!=', 'CLOSED')
  if (doctorId !== undefined) slots = slots.where('doctor_id', '=', doctorId)
  const rows = await slots.execute()
  if (rows.length > 0) {
    await tx
      .updateTable('doctor_schedules')
      .set({ status: 'CLOSED' })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute()
  }
  const byDoctor = new Map<number, number[]>()
  for (const r of rows) byDoctor.set(r.doctor_id, [...(byDoctor.get(r.doctor_id) ?? []), r.id])
  for (const [doc, slotIds] of byDoctor) emit('slots.changed', { doctorId: doc, date, slotIds })
  const affectedAppointmentIds = await liveAppointmentIds(tx, date, doctorId)
  return { closedSlots: rows.length, affectedAppointmentIds }
}

/** Re-opens the closed bands of a day (a holiday removed), except those a doctor's day off or active leave still closes. */
export async function reopenBands(w: WriteContext, date: string): Promise<void> {
  const rows = await w.tx
    .selectFrom('doctor_schedules')
    .select(['id', 'doctor_id'])
    .where('date', '=', date)
    .where('status', '=', 'CLOSED')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('doctor_days_off as o')
            .select('o.date')
            .whereRef('o.doctor_id', '=', 'doctor_schedules.doctor_id')
            .where('o.date', '=', date),
        ),
      ),
    )
    .where((eb) => eb.not(coveredByLeave(eb)))
    .execute()
  if (rows.length === 0) return
  await w.tx
    .updateTable('doctor_schedules')
    .set((eb) => ({
      status: eb
        .case()
        .when('booked', '>=', eb.ref('quota'))
        .then('BOOKED' as const)
        .else('AVAILABLE' as const)
        .end(),
    }))
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute()
  const byDoctor = new Map<number, number[]>()
  for (const r of rows) byDoctor.set(r.doctor_id, [...(byDoctor.get(r.doctor_id) ?? []), r.id])
  for (const [doctorId, slotIds] of byDoctor) w.emit('slots.changed', { doctorId, date, slotIds })
}

async function liveAppointmentIds(
  tx: Transaction<DB>,
  date: string,
  doctorId?: number,
): Promise<number[]> {
  let q = tx
    .selectFrom('appointments')
    .select('id')
    .where('date', '=', date)
    .where('status', 'in', [...LIVE_STATUSES])
  if (doctorId !== undefined) q = q.where('doctor_id', '=', doctorId)
  return (await q.orderBy('id').execute()).map((r) => r.id)
}
