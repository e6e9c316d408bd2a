import { LIVE_STATUSES } from '../../../shared/contract'
import { LEAVE_MAX_DAYS, NOON, type LeaveSession } from '../../../shared/contract/leave'
import { AppError } from '../../../shared/errors'
import type { WriteContext } from '../../db/write'
import { daysBetween } from '../common/calendar'
import { requireDoctor } from '../common/doctor-access'

export interface NewLeave {
  readonly doctorId: number
  readonly from: string
  readonly to: string
  readonly session: LeaveSession
  readonly reason: string
}

/** INVALID_INPUT for a range that is inverted, too long or starts before today; before any write. */
export function checkRange(input: Pick<NewLeave, 'from' | 'to'>, today: string): void {
  if (input.from < today)
    throw new AppError('INVALID_INPUT', {
      field: 'from',
      message: 'A leave cannot start before today.',
    })
  const span = daysBetween(input.from, input.to)
  if (span < 0)
    throw new AppError('INVALID_INPUT', { field: 'to', message: 'to must not be before from.' })
  if (span >= LEAVE_MAX_DAYS)
    throw new AppError('INVALID_INPUT', {
      field: 'to',
      message: `At most ${LEAVE_MAX_DAYS} days in one leave.`,
    })
}

/**
 * Records a leave and closes its bands in the unit's transaction: every band of the doctor from..to
 * in the session is kept in leave_bands with its status just before (closed = 1 when this leave
 * closed it), and every live booking in them in leave_appointments. Bands not generated yet are
 * not made while the leave is active (generate.ts).
 */
export async function createLeave(
  w: WriteContext,
  input: NewLeave,
  createdBy: string,
): Promise<{ leaveId: number; closedSlots: number; affectedAppointmentIds: number[] }> {
  const { tx } = w
  await requireDoctor(tx, input.doctorId)
  const { id: leaveId } = await tx
    .insertInto('leaves')
    .values({
      doctor_id: input.doctorId,
      from_date: input.from,
      to_date: input.to,
      session: input.session,
      reason: input.reason,
      created_by: createdBy,
      created_at: w.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  let bands = tx
    .selectFrom('doctor_schedules')
    .select(['id', 'date', 'status', 'booked'])
    .where('doctor_id', '=', input.doctorId)
    .where('date', '>=', input.from)
    .where('date', '<=', input.to)
  if (input.session === 'AM') bands = bands.where('start_time', '<', NOON)
  if (input.session === 'PM') bands = bands.where('start_time', '>=', NOON)
  const rows = await bands.orderBy('date').orderBy('start_time').execute()
  const closing = rows.filter((r) => r.status !== 'CLOSED')

  if (rows.length > 0) {
    // 4 values a row: well under SQLite's bound-parameter limit per 500 rows.
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insertInto('leave_bands')
        .values(
          rows.slice(i, i + 500).map((r) => ({
            leave_id: leaveId,
            slot_id: r.id,
            closed: r.status === 'CLOSED' ? (0 as const) : (1 as const),
            previous_status:
              r.status === 'CLOSED' ? null : r.status === 'BOOKED' ? 'BOOKED' : 'AVAILABLE',
            previous_booked: r.status === 'CLOSED' ? null : r.booked,
          })),
        )
        .execute()
    }
  }
  for (let i = 0; i < closing.length; i += 500) {
    await tx
      .updateTable('doctor_schedules')
      .set({ status: 'CLOSED' })
      .where(
        'id',
        'in',
        closing.slice(i, i + 500).map((r) => r.id),
      )
      .execute()
  }
  const byDate = new Map<string, number[]>()
  for (const r of closing) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r.id])
  for (const [date, slotIds] of byDate)
    w.emit('slots.changed', { doctorId: input.doctorId, date, slotIds })

  const live =
    rows.length === 0
      ? []
      : await tx
          .selectFrom('appointments as a')
          .innerJoin('leave_bands as b', (j) =>
            j.onRef('b.slot_id', '=', 'a.slot_id').on('b.leave_id', '=', leaveId),
          )
          .select('a.id')
          .where('a.status', 'in', [...LIVE_STATUSES])
          .orderBy('a.id')
          .execute()
  const affectedAppointmentIds = live.map((a) => a.id)
  for (let i = 0; i < affectedAppointmentIds.length; i += 500) {
    await tx
      .insertInto('leave_appointments')
      .values(
        affectedAppointmentIds
          .slice(i, i + 500)
          .map((id) => ({ leave_id: leaveId, appointment_id: id })),
      )
      .execute()
  }
  w.audit({
    entity: 'leave',
    entityId: leaveId,
    after: { ...input, closedSlots: closing.length, affectedAppointmentIds },
  })
  w.emit('leave.changed', { doctorId: input.doctorId, leaveId })
  return { leaveId, closedSlots: closing.length, affectedAppointmentIds }
}
