import type { Transaction } from 'kysely'
import type { Leave } from '../../../shared/contract/leave'
import { AppError } from '../../../shared/errors'
import type { DB } from '../../db/schema'
import type { ReadDb } from '../../db/write'

type Db = ReadDb | Transaction<DB>

/** The leaves' rows with the counts a screen shows, as domain objects. */
export async function readLeaves(
  db: Db,
  filter: { ids?: readonly number[]; doctorId?: number; from?: string; includeReopened?: boolean },
): Promise<Leave[]> {
  let q = db.selectFrom('leaves as l').select((eb) => [
    'l.id',
    'l.doctor_id',
    'l.from_date',
    'l.to_date',
    'l.session',
    'l.reason',
    'l.state',
    'l.created_by',
    'l.created_at',
    'l.reopened_by',
    'l.reopened_at',
    eb
      .selectFrom('leave_bands as b')
      .select((c) => c.fn.countAll<number>().as('n'))
      .whereRef('b.leave_id', '=', 'l.id')
      .where('b.closed', '=', 1)
      .as('closed_slots'),
    eb
      .selectFrom('leave_appointments as a')
      .select((c) => c.fn.countAll<number>().as('n'))
      .whereRef('a.leave_id', '=', 'l.id')
      .as('affected'),
  ])
  if (filter.ids) q = q.where('l.id', 'in', [...filter.ids])
  if (filter.doctorId !== undefined) q = q.where('l.doctor_id', '=', filter.doctorId)
  if (filter.from !== undefined) q = q.where('l.to_date', '>=', filter.from)
  if (!filter.includeReopened && !filter.ids) q = q.where('l.state', '=', 'ACTIVE')
  const rows = await q.orderBy('l.doctor_id').orderBy('l.from_date').orderBy('l.id').execute()
  return rows.map((r) => ({
    id: r.id,
    doctorId: r.doctor_id,
    from: r.from_date,
    to: r.to_date,
    session: r.session,
    reason: r.reason,
    state: r.state,
    createdBy: r.created_by,
    createdAt: r.created_at,
    reopenedBy: r.reopened_by,
    reopenedAt: r.reopened_at,
    closedSlots: Number(r.closed_slots ?? 0),
    affectedCount: Number(r.affected ?? 0),
  }))
}

/** One leave, NOT_FOUND when there is none. */
export async function requireLeave(db: Db, id: number): Promise<Leave> {
  const [leave] = await readLeaves(db, { ids: [id] })
  if (!leave)
    throw new AppError('NOT_FOUND', { field: 'id', message: 'That leave does not exist.' })
  return leave
}
