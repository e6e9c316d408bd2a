import { useCallback, useEffect, useRef, useState } from 'react'
import type { DayAvailability } from '../../shared/contract'
import { bridge } from '../api/bridge'
import { monthOf } from './dates'
import { fetchBands, fetchMonth, type DoctorSlots } from './fetchers'

/**
 * One doctor's month of availability and one day's bands, for a dialog (the reschedule picker);
 * kept live by slots.changed, and only the newest answer is shown.
 */
export function useDoctorDay(doctorId: number, date: string, month: string) {
  const [rows, setRows] = useState<readonly DoctorSlots[]>([])
  const [loading, setLoading] = useState(true)
  const [days, setDays] = useState<Readonly<Record<string, DayAvailability>>>({})
  const seq = useRef(0)

  const loadBands = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    const result = await fetchBands({ doctorId }, date)
    if (mine !== seq.current) return
    setRows(result.ok ? result.value : [])
    setLoading(false)
  }, [doctorId, date])

  const loadMonth = useCallback(async () => {
    const result = await fetchMonth({ doctorId }, month)
    if (result.ok) setDays(result.value)
  }, [doctorId, month])

  useEffect(() => void loadBands(), [loadBands])
  useEffect(() => void loadMonth(), [loadMonth])
  useEffect(
    () =>
      bridge.on('slots.changed', (m) => {
        if (m.doctorId !== doctorId) return
        if (m.date === date) void loadBands()
        if (monthOf(m.date) === month) void loadMonth()
      }),
    [doctorId, date, month, loadBands, loadMonth],
  )
  return { rows, loading, days, reload: loadBands }
}
