import { create } from 'zustand'
import type { DayAvailability } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { monthOf } from '../dates'
import { fetchBands, fetchMonth, scopeKey, type DoctorSlots, type Scope } from '../fetchers'
import { connection } from '../../stores/connection'
import { useDirectory } from '../../stores/directory'

export interface DeskState {
  readonly departmentId: number | null
  /** null: every doctor of the department. */
  readonly doctorId: number | null
  /** The chosen day ('YYYY-MM-DD'); '' until the host said what today is. */
  readonly date: string
  /** The month the calendar shows ('YYYY-MM'). */
  readonly month: string
  readonly grid: {
    readonly key: string
    readonly rows: readonly DoctorSlots[]
    readonly loading: boolean
    readonly error: AppErrorShape | null
  }
  readonly calendar: {
    readonly key: string
    readonly days: Readonly<Record<string, DayAvailability>>
  }
}

/** What the reception desk is looking at (department, doctor, day) and the bands it shows; fed from outside React. */
export const useDesk = create<DeskState>(() => ({
  departmentId: null,
  doctorId: null,
  date: '',
  month: '',
  grid: { key: '', rows: [], loading: false, error: null },
  calendar: { key: '', days: {} },
}))

export function deskScope(state: DeskState = useDesk.getState()): Scope | null {
  if (state.doctorId !== null) return { doctorId: state.doctorId }
  if (state.departmentId !== null) return { departmentId: state.departmentId }
  return null
}

const gridKey = (s: DeskState): string => {
  const scope = deskScope(s)
  return scope && s.date ? `${scopeKey(scope)}@${s.date}` : ''
}
const calendarKey = (s: DeskState): string => {
  const scope = deskScope(s)
  return scope && s.month ? `${scopeKey(scope)}@${s.month}` : ''
}

// Each load is numbered: only the answer to the newest request is shown, so a slow answer
// from before an event (an older revision) never overwrites a newer one.
let gridSeq = 0
let calendarSeq = 0

export async function reloadGrid(): Promise<void> {
  const state = useDesk.getState()
  const scope = deskScope(state)
  const key = gridKey(state)
  const seq = ++gridSeq
  if (!scope || !key) return
  // Keep the old rows while loading when the view did not change: no flicker on live updates.
  useDesk.setState((s) => ({
    grid: { ...s.grid, key, rows: s.grid.key === key ? s.grid.rows : [], loading: true },
  }))
  const result = await fetchBands(scope, state.date)
  if (seq !== gridSeq) return
  useDesk.setState({
    grid: result.ok
      ? { key, rows: result.value, loading: false, error: null }
      : { key, rows: [], loading: false, error: result.error },
  })
}

export async function reloadCalendar(): Promise<void> {
  const state = useDesk.getState()
  const scope = deskScope(state)
  const key = calendarKey(state)
  const seq = ++calendarSeq
  if (!scope || !key) return
  const result = await fetchMonth(scope, state.month)
  if (seq !== calendarSeq || !result.ok) return
  useDesk.setState({ calendar: { key, days: result.value } })
}

function reloadView(): void {
  void reloadGrid()
  void reloadCalendar()
}

export function selectDepartment(departmentId: number | null): void {
  useDesk.setState({ departmentId, doctorId: null })
  reloadView()
}

export function selectDoctor(doctorId: number | null): void {
  const doctor = useDirectory.getState().doctors.find((d) => d.id === doctorId)
  useDesk.setState((s) => ({
    doctorId,
    departmentId: doctor ? doctor.departmentId : s.departmentId,
  }))
  reloadView()
}

export function selectDate(date: string): void {
  const before = useDesk.getState()
  if (before.date === date) return
  useDesk.setState({ date, month: monthOf(date) })
  void reloadGrid()
  if (monthOf(date) !== before.month) void reloadCalendar()
}

export function showMonth(month: string): void {
  useDesk.setState({ month })
  void reloadCalendar()
}

/** Does a change of this doctor-day touch what the desk shows? */
function touchesGrid(doctorId: number, date: string): boolean {
  const s = useDesk.getState()
  if (date !== s.date) return false
  if (s.doctorId !== null) return s.doctorId === doctorId
  return useDirectory
    .getState()
    .doctors.some((d) => d.id === doctorId && d.departmentId === s.departmentId)
}

function touchesCalendar(doctorId: number, date: string): boolean {
  const s = useDesk.getState()
  if (monthOf(date) !== s.month) return false
  if (s.doctorId !== null) return s.doctorId === doctorId
  return useDirectory
    .getState()
    .doctors.some((d) => d.id === doctorId && d.departmentId === s.departmentId)
}

// Bursts of events (a reschedule touches two bands) are folded into one re-query.
let gridTimer: ReturnType<typeof setTimeout> | null = null
let calendarTimer: ReturnType<typeof setTimeout> | null = null
const soon = (timer: ReturnType<typeof setTimeout> | null, run: () => void, ms: number) =>
  timer ?? setTimeout(run, ms)

function onSlotsChanged(doctorId: number, date: string): void {
  if (touchesGrid(doctorId, date))
    gridTimer = soon(gridTimer, () => ((gridTimer = null), void reloadGrid()), 15)
  if (touchesCalendar(doctorId, date))
    calendarTimer = soon(calendarTimer, () => ((calendarTimer = null), void reloadCalendar()), 200)
}

/** Picks the first department once the directory arrives, and the host's today once it is known. */
export function ensureDefaults(today: string): void {
  const s = useDesk.getState()
  const { departments } = useDirectory.getState()
  const patch: { date?: string; month?: string; departmentId?: number } = {}
  if (!s.date && today) Object.assign(patch, { date: today, month: monthOf(today) })
  if (s.departmentId === null && departments[0])
    patch.departmentId = departments.find((d) => d.active)?.id ?? departments[0].id
  if (Object.keys(patch).length === 0) return
  useDesk.setState(patch)
  reloadView()
}

let started = false

export function startDeskFeed(): void {
  if (started) return
  started = true
  bridge.on('slots.changed', (m) => onSlotsChanged(m.doctorId, m.date))
  bridge.on('templates.changed', () => reloadView())
  bridge.on('directory.changed', () => reloadView())
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) reloadView()
  })
}
