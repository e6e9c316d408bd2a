import { create } from 'zustand'
import type { ShiftSheet } from '../../../shared/contract'
import type { AppErrorShape, Result } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { connection } from '../../stores/connection'

export interface ShiftState {
  readonly loaded: boolean
  /** This cashier's open shift, live; null when none is open. */
  readonly sheet: ShiftSheet | null
  /** The sheet just closed here, kept on screen to print until a new shift opens. */
  readonly closed: ShiftSheet | null
  readonly error: AppErrorShape | null
}

/** The cashier's shift at this desk (日结), fed by shifts.changed from outside React. */
export const useShift = create<ShiftState>(() => ({
  loaded: false,
  sheet: null,
  closed: null,
  error: null,
}))

let seq = 0

export async function reloadShift(): Promise<void> {
  const mine = ++seq
  const result = await bridge.call('shifts.current', {})
  if (mine !== seq) return
  useShift.setState(
    result.ok ? { loaded: true, sheet: result.value, error: null } : { error: result.error },
  )
}

/** 开班 with the float in the drawer. */
export async function openShift(openingFloatFen: number): Promise<Result<unknown>> {
  const result = await bridge.call('shifts.open', { openingFloatFen })
  if (result.ok) {
    useShift.setState({ closed: null })
    await reloadShift()
  }
  return result
}

/** 交班: freezes the sheet with the counted cash; closed is final (a recount is a correction). */
export async function closeShift(countedCashFen: number): Promise<Result<ShiftSheet>> {
  const { sheet } = useShift.getState()
  if (!sheet) return { ok: false, error: { code: 'NOT_FOUND', message: '' } }
  const result = await bridge.call('shifts.close', { shiftId: sheet.shift.id, countedCashFen })
  if (result.ok) {
    seq++
    useShift.setState({ sheet: null, closed: result.value })
  }
  return result
}

let started = false
let timer: ReturnType<typeof setTimeout> | null = null

/** Starts the feed once a screen shows the shift: any money moved here or by this cashier elsewhere. */
export function startShiftFeed(): void {
  if (started) return
  started = true
  const soon = () => {
    if (timer) return
    timer = setTimeout(() => {
      timer = null
      void reloadShift()
    }, 15)
  }
  bridge.on('shifts.changed', soon)
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) soon()
  })
}
