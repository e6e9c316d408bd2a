import { create } from 'zustand'
import type { Appointment, Patient, PatientHit } from '../../../shared/contract'
import { LIVE_STATUSES } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { hostAction } from '../../api/host-action'
import { connection } from '../../stores/connection'

export type MergeSide = 'a' | 'b'

/** One of the two columns: a search, and the record picked from it with a count of its bookings. */
export interface SideState {
  readonly query: string
  readonly hits: readonly PatientHit[]
  readonly searched: boolean
  readonly patient: Patient | null
  /** The picked record's appointments (live and archived) and how many are still live. */
  readonly appointments: number
  readonly live: number
  /** The picked record was merged away (by this page or another admin): into this one. */
  readonly mergedInto: number | null
  readonly error: AppErrorShape | null
}

export interface AdminMergeState {
  readonly sides: Readonly<Record<MergeSide, SideState>>
  /** Which column's record is kept; the other is retired. */
  readonly keep: MergeSide | null
}

const emptySide: SideState = {
  query: '',
  hits: [],
  searched: false,
  patient: null,
  appointments: 0,
  live: 0,
  mergedInto: null,
  error: null,
}

/** The admin's merge page: two records side by side. Fed by patients.merged from outside React. */
export const useAdminMerge = create<AdminMergeState>(() => ({
  sides: { a: emptySide, b: emptySide },
  keep: null,
}))

const setSide = (side: MergeSide, patch: Partial<SideState>): void =>
  useAdminMerge.setState((s) => ({ sides: { ...s.sides, [side]: { ...s.sides[side], ...patch } } }))

const latest: Record<MergeSide, number> = { a: 0, b: 0 }

export async function searchSide(side: MergeSide, query: string): Promise<void> {
  const request = ++latest[side]
  setSide(side, { query })
  const q = query.trim()
  if (!q) return setSide(side, { hits: [], searched: false })
  const result = await bridge.call('patients.search', { q, limit: 10 })
  if (request !== latest[side]) return
  if (!result.ok) return setSide(side, { hits: [], searched: true, error: result.error })
  setSide(side, { hits: result.value, searched: true, error: null })
}

const isLive = (a: Appointment): boolean => (LIVE_STATUSES as readonly string[]).includes(a.status)

/** Shows record `id` in this column (unmasked, with its booking counts). */
export async function pickSide(side: MergeSide, id: number): Promise<void> {
  const request = ++latest[side]
  const [patient, history] = await Promise.all([
    bridge.call('patients.get', { id }),
    bridge.call('patients.history', { patientId: id, limit: 200 }),
  ])
  if (request !== latest[side]) return
  if (!patient.ok) {
    const into = patient.error.details?.['mergedInto']
    return setSide(side, {
      patient: null,
      mergedInto: typeof into === 'number' ? into : null,
      error: patient.error,
    })
  }
  const list = history.ok ? history.value : []
  setSide(side, {
    patient: patient.value,
    appointments: list.length,
    live: list.filter(isLive).length,
    mergedInto: null,
    error: null,
    hits: [],
    searched: false,
  })
}

export function clearSide(side: MergeSide): void {
  latest[side]++
  setSide(side, emptySide)
  useAdminMerge.setState((s) => (s.keep === side ? { keep: null } : {}))
}

export const chooseKeep = (keep: MergeSide): void => useAdminMerge.setState({ keep })

/** Re-reads both shown records: after a merge (here or elsewhere), or a reconnect. */
function refreshShown(): void {
  for (const side of ['a', 'b'] as const) {
    const id = useAdminMerge.getState().sides[side].patient?.id
    if (id !== undefined) void pickSide(side, id)
  }
}

let started = false

/** Started when the merge page first opens. */
export function startMergeFeed(): void {
  if (started) return
  started = true
  bridge.on('patients.merged', ({ keptId, retiredId }) => {
    const { sides } = useAdminMerge.getState()
    const shown = [sides.a.patient?.id, sides.b.patient?.id]
    if (shown.includes(keptId) || shown.includes(retiredId)) refreshShown()
  })
  bridge.on('appointments.changed', () => refreshShown())
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) refreshShown()
  })
}

export const mergePatients = hostAction('patients.merge')
