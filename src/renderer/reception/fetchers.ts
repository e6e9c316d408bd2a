import type { DayAvailability, Slot } from '../../shared/contract'
import type { Result } from '../../shared/errors'
import { bridge } from '../api/bridge'
import { monthRange } from './dates'

/** Whose bands a view shows: one doctor, or every doctor of a department. */
export type Scope = { readonly doctorId: number } | { readonly departmentId: number }

export interface DoctorSlots {
  readonly doctorId: number
  readonly slots: readonly Slot[]
}

export const scopeKey = (scope: Scope): string =>
  'doctorId' in scope ? `doc:${scope.doctorId}` : `dep:${scope.departmentId}`

/** The bands of a scope on a day, always as rows per doctor so one grid renders both. */
export async function fetchBands(scope: Scope, date: string): Promise<Result<DoctorSlots[]>> {
  if ('doctorId' in scope) {
    const result = await bridge.call('slots.forDoctorDay', { doctorId: scope.doctorId, date })
    return result.ok
      ? { ok: true, value: [{ doctorId: scope.doctorId, slots: result.value }] }
      : result
  }
  return bridge.call('slots.forDepartmentDay', { departmentId: scope.departmentId, date })
}

/** Places per day of a month ('YYYY-MM'), keyed by day. */
export async function fetchMonth(
  scope: Scope,
  month: string,
): Promise<Result<Record<string, DayAvailability>>> {
  const result = await bridge.call('slots.calendar', { scope: { ...scope }, ...monthRange(month) })
  if (!result.ok) return result
  return { ok: true, value: Object.fromEntries(result.value.map((d) => [d.date, d])) }
}

/** Calls back on every slots.changed; returns the unsubscribe (a hook's effect cleanup). */
export const onSlotsChanged = (
  listener: (change: { doctorId: number; date: string }) => void,
): (() => void) => bridge.on('slots.changed', listener)
