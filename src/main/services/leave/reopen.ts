import type { Leave } from '../../../shared/contract/leave'
import { AppError } from '../../../shared/errors'
import type { WriteContext } from '../../db/write'
import type { PlaceEnv } from '../appointments/place'
import { generateSlots } from '../schedules/generate'
import { placesFreed } from '../waitlist/serve'
import { stillClosed } from './cover'

type Band = {
  id: number
  date: string
  status: string
  booked: number
  quota: number
  previous_status: 'AVAILABLE' | 'BOOKED' | null
  previous_booked: number | null
}

/** The status a reopened band gets: as it was, when its count is as it was; else from its count. */
const restored = (b: Band): 'AVAILABLE' | 'BOOKED' =>
  b.previous_status !== null && b.previous_booked === b.booked
    ? b.previous_status
    : b.booked >= b.quota
      ? 'BOOKED'
      : 'AVAILABLE'

/**
 * Undoes a leave in the unit's transaction: marks it REOPENED, then puts back each band of its
 * scope from today on that is closed and that no other active leave or holiday still closes, and
 * generates the bands its days never got (today..lastDay). Bookings are not touched: moved ones
 * stay where they went, canceled ones stay canceled (the call-back list). The places that come
 * back go to the waitlist's first in line (候补).
 */
export async function reopenLeave(
  w: WriteContext,
  leave: Leave,
  today: string,
  lastDay: string,
  reopenedBy: string,
  env: PlaceEnv,
): Promise<number> {
  const { tx } = w
  if (leave.state !== 'ACTIVE')
    throw new AppError('CONFLICT', { field: 'id', message: 'That leave was reopened already.' })
  if (leave.to < today)
    throw new AppError('CONFLICT', { field: 'id', message: 'That leave is over.' })
  const marked = await tx
    .updateTable('leaves')
    .set({ state: 'REOPENED', reopened_by: reopenedBy, reopened_at: w.now })
    .where('id', '=', leave.id)
    .where('state', '=', 'ACTIVE')
    .executeTakeFirst()
  if (Number(marked.numUpdatedRows) !== 1)
    throw new AppError('CONFLICT', { field: 'id', message: 'That leave was reopened already.' })

  const bands: Band[] = await tx
    .selectFrom('doctor_schedules')
    .innerJoin('leave_bands as b', 'b.slot_id', 'doctor_schedules.id')
    .select([
      'doctor_schedules.id',
      'doctor_schedules.date',
      'doctor_schedules.status',
      'doctor_schedules.booked',
      'doctor_schedules.quota',
      'b.previous_status',
      'b.previous_booked',
    ])
    .where('b.leave_id', '=', leave.id)
    .where('doctor_schedules.status', '=', 'CLOSED')
    .where('doctor_schedules.date', '>=', today)
    .where((eb) => eb.not(stillClosed(eb)))
    .execute()
  for (const status of ['AVAILABLE', 'BOOKED'] as const) {
    const ids = bands.filter((b) => restored(b) === status).map((b) => b.id)
    for (let i = 0; i < ids.length; i += 500)
      await tx
        .updateTable('doctor_schedules')
        .set({ status })
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()
  }
  const byDate = new Map<string, number[]>()
  for (const b of bands) byDate.set(b.date, [...(byDate.get(b.date) ?? []), b.id])

  const from = leave.from > today ? leave.from : today
  const to = leave.to < lastDay ? leave.to : lastDay
  let created = 0
  if (from <= to) {
    const generated = await generateSlots(tx, from, to, leave.doctorId)
    created = generated.created
    for (const g of generated.byDoctorDay.values())
      byDate.set(g.date, [...(byDate.get(g.date) ?? []), ...g.slotIds])
  }
  for (const [date, slotIds] of byDate)
    w.emit('slots.changed', { doctorId: leave.doctorId, date, slotIds })
  w.audit({
    entity: 'leave',
    entityId: leave.id,
    before: { state: 'ACTIVE' },
    after: { state: 'REOPENED', reopenedSlots: bands.length, generated: created },
  })
  w.emit('leave.changed', { doctorId: leave.doctorId, leaveId: leave.id })
  // Places came back: the doctor-days' waitlists are served in this same transaction.
  await placesFreed(w, [...byDate.values()].flat(), env)
  return bands.length + created
}
