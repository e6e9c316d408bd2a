import type { Selectable } from 'kysely'
import type { ExtraPlace } from '../../../shared/contract'
import type { ExtraPlacesTable } from '../../db/schema-extra'

/** The columns of an extra_places row that an ExtraPlace shows (the idempotency key stays inside). */
export const EXTRA_COLUMNS = [
  'id',
  'slot_id',
  'doctor_id',
  'date',
  'start_time',
  'count',
  'agreed_by',
  'reason',
  'appointment_id',
  'created_by',
  'created_at',
] as const

export type ExtraRow = Pick<Selectable<ExtraPlacesTable>, (typeof EXTRA_COLUMNS)[number]>

export const toExtraPlace = (r: ExtraRow): ExtraPlace => ({
  id: r.id,
  slotId: r.slot_id,
  doctorId: r.doctor_id,
  date: r.date,
  startTime: r.start_time,
  count: r.count,
  agreedBy: r.agreed_by,
  reason: r.reason,
  appointmentId: r.appointment_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
})
