import type { Generated } from 'kysely'
import type { AppointmentStatus, SlotStatus } from '../../shared/contract'

/** Tables of 0003_booking.sql. */
export interface ScheduleTemplatesTable {
  id: Generated<number>
  doctor_id: number
  weekday: number
  start_time: string
  end_time: string
  slot_minutes: number
  quota_per_slot: number
  walk_in_per_slot: number
  active: number
  created_at: string
  updated_at: string
}

export interface ClinicHolidaysTable {
  date: string
  name: string
}

export interface DoctorDaysOffTable {
  doctor_id: number
  date: string
  reason: string
  created_at: string
}

export interface DoctorSchedulesTable {
  id: Generated<number>
  doctor_id: number
  date: string
  start_time: string
  end_time: string
  quota: number
  booked: Generated<number>
  walk_in_reserved: Generated<number>
  walk_ins: Generated<number>
  status: Generated<SlotStatus>
  template_id: number | null
  /** 0009: how many of quota are 加号 places. */
  extra_places: Generated<number>
}

export interface SlotHoldsTable {
  id: Generated<number>
  slot_id: number
  holder: string
  expires_at: string
  created_at: string
}

export interface QueueCountersTable {
  doctor_id: number
  date: string
  last_no: number
}

interface AppointmentColumns {
  slot_id: number
  doctor_id: number
  date: string
  patient_id: number
  queue_no: number
  source: 'PHONE' | 'WALK_IN'
  status: AppointmentStatus
  chief_complaint: string
  idempotency_key: string | null
  cancel_reason: string | null
  rescheduled_from: number | null
  skip_count: number
  created_by: string
  created_at: string
  updated_at: string
  checked_in_at: string | null
  called_at: string | null
  started_at: string | null
  completed_at: string | null
  canceled_at: string | null
}

export interface AppointmentsTable extends AppointmentColumns {
  id: Generated<number>
  call_order: number
  live_guard: 1 | null
  /** 0009: 1 when the booking took a 加号 place. */
  is_extra: Generated<number>
  /** 0013: the clinic day of a cancel after the cancellation deadline (爽约, if the rule counts them). */
  late_canceled_on: string | null
  /** 0016: 1 for a NO_SHOW 结束出诊 wrote before its band's grace ended (never counts as 爽约). */
  no_show_excused: Generated<number>
}

export interface AppointmentsArchiveTable extends AppointmentColumns {
  id: number
  start_time: string
  end_time: string
  archived_at: string
  is_extra: Generated<number>
  late_canceled_on: string | null
  no_show_excused: Generated<number>
}

export interface DoctorSchedulesArchiveTable {
  id: number
  doctor_id: number
  date: string
  start_time: string
  end_time: string
  quota: number
  booked: number
  walk_in_reserved: number
  walk_ins: number
  status: string
  archived_at: string
  extra_places: Generated<number>
}

export interface BookingTables {
  schedule_templates: ScheduleTemplatesTable
  clinic_holidays: ClinicHolidaysTable
  doctor_days_off: DoctorDaysOffTable
  doctor_schedules: DoctorSchedulesTable
  slot_holds: SlotHoldsTable
  queue_counters: QueueCountersTable
  appointments: AppointmentsTable
  appointments_archive: AppointmentsArchiveTable
  doctor_schedules_archive: DoctorSchedulesArchiveTable
}
