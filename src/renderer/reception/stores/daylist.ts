import { create } from 'zustand'
import type { Appointment, AppointmentStatus } from '../../../shared/contract'
import type { AppErrorShape, Result } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { connection } from '../../stores/connection'
import { useDesk } from './desk'

/** Status filters a desk needs, each a set of contract statuses. */
export const DAY_FILTERS = {
  all: undefined,
  notArrived: ['PENDING', 'CONFIRMED'],
  waiting: ['CHECKED_IN', 'CALLED', 'SKIPPED'],
  seen: ['IN_PROGRESS', 'COMPLETED'],
  canceled: ['CANCELED', 'NO_SHOW'],
} as const satisfies Record<string, readonly AppointmentStatus[] | undefined>
export type DayFilter = keyof typeof DAY_FILTERS

export interface DayListState {
  /** null: every doctor. */
  readonly doctorId: number | null
  readonly filter: DayFilter
  readonly key: string
  readonly rows: readonly Appointment[]
  readonly loading: boolean
  readonly error: AppErrorShape | null
}

/** The desk's appointments for the chosen day (the desk's date), live. */
export const useDayList = create<DayListState>(() => ({
  doctorId: null,
  filter: 'all',
  key: '',
  rows: [],
  loading: false,
  error: null,
}))

let seq = 0

export async function reloadDayList(): Promise<void> {
  const { date } = useDesk.getState()
  const { doctorId, filter } = useDayList.getState()
  if (!date) return
  const key = `${date}|${doctorId ?? '*'}|${filter}`
  const mine = ++seq
  useDayList.setState((s) => ({ key, rows: s.key === key ? s.rows : [], loading: true }))
  const statuses = DAY_FILTERS[filter]
  const result = await bridge.call('appointments.forDay', {
    date,
    ...(doctorId !== null ? { doctorId } : {}),
    ...(statuses ? { statuses: [...statuses] } : {}),
  })
  if (mine !== seq) return
  useDayList.setState(
    result.ok
      ? { rows: result.value, loading: false, error: null }
      : { rows: [], loading: false, error: result.error },
  )
}

export function filterDayList(patch: { doctorId?: number | null; filter?: DayFilter }): void {
  useDayList.setState(patch)
  void reloadDayList()
}

let timer: ReturnType<typeof setTimeout> | null = null
function onDayChanged(date: string): void {
  if (date !== useDesk.getState().date || timer) return
  timer = setTimeout(() => {
    timer = null
    void reloadDayList()
  }, 15)
}

let started = false

export function startDayListFeed(): void {
  if (started) return
  started = true
  bridge.on('appointment.created', (m) => onDayChanged(m.date))
  bridge.on('appointments.changed', (m) => onDayChanged(m.date))
  useDesk.subscribe((now, before) => {
    if (now.date !== before.date) void reloadDayList()
  })
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) void reloadDayList()
  })
}

/** 签到: the patient has arrived. The day list follows by its own event. */
export const checkInAppointment = (id: number): Promise<Result<Appointment>> =>
  bridge.call('appointments.checkIn', { id })

/** 退号 with its reason: the place goes back to the band. */
export const cancelAppointment = (id: number, reason: string): Promise<Result<Appointment>> =>
  bridge.call('appointments.cancel', { id, reason: reason.trim() })
