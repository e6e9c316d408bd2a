import type { Transaction } from 'kysely'
import type { MethodParsed, ScheduleTemplate } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { DB } from '../../db/schema'
import { bandsOf } from '../common/calendar'

export const TEMPLATE_COLUMNS = [
  'id',
  'doctor_id',
  'weekday',
  'start_time',
  'end_time',
  'slot_minutes',
  'quota_per_slot',
  'walk_in_per_slot',
  'active',
] as const

type TemplateRow = {
  id: number
  doctor_id: number
  weekday: number
  start_time: string
  end_time: string
  slot_minutes: number
  quota_per_slot: number
  walk_in_per_slot: number
  active: number
}

export const toTemplate = (r: TemplateRow): ScheduleTemplate => ({
  id: r.id,
  doctorId: r.doctor_id,
  weekday: r.weekday,
  startTime: r.start_time,
  endTime: r.end_time,
  slotMinutes: r.slot_minutes,
  quotaPerSlot: r.quota_per_slot,
  walkInPerSlot: r.walk_in_per_slot,
  active: r.active === 1,
})

/** Refuses a session that makes no band, keeps more walk-in places than its quota, or overlaps another of the same doctor-weekday. */
export async function checkTemplate(
  tx: Transaction<DB>,
  input: MethodParsed<'templates.save'>,
): Promise<void> {
  if (input.endTime <= input.startTime)
    throw new AppError('INVALID_INPUT', {
      field: 'endTime',
      message: 'The session must end after it starts.',
    })
  if (bandsOf(input.startTime, input.endTime, input.slotMinutes).length === 0) {
    throw new AppError('INVALID_INPUT', {
      field: 'slotMinutes',
      message: 'Not one band of that length fits in the session.',
    })
  }
  if (input.walkInPerSlot > input.quotaPerSlot) {
    throw new AppError('INVALID_INPUT', {
      field: 'walkInPerSlot',
      message: 'Walk-in places cannot exceed the quota per band.',
    })
  }
  let overlap = tx
    .selectFrom('schedule_templates')
    .select(['id', 'start_time', 'end_time'])
    .where('doctor_id', '=', input.doctorId)
    .where('weekday', '=', input.weekday)
    .where('active', '=', 1)
    .where('start_time', '<', input.endTime)
    .where('end_time', '>', input.startTime)
  if (input.id !== undefined) overlap = overlap.where('id', '!=', input.id)
  const clash = input.active ? await overlap.executeTakeFirst() : undefined
  if (clash) {
    throw new AppError('CONFLICT', {
      field: 'startTime',
      message: `It overlaps the session ${clash.start_time}–${clash.end_time} of the same day.`,
    })
  }
}
