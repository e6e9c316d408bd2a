import { useCallback, useEffect, useState } from 'react'
import type { DayAvailability } from '../../shared/contract'
import { monthOf } from './dates'
import { fetchBands, fetchMonth, onSlotsChanged, type DoctorSlots } from './fetchers'

/**
 * One doctor's month of availability and one day's bands, for a dialog (the reschedule picker);
 * kept live by slots.changed. An answer for a doctor-day no longer shown is dropped.
 */
export function useDoctorDay(doctorId: number, date: string, month: string) {
  const key = `${doctorId}@${date}`
  const [bands, setBands] = useState<{ key: string; rows: readonly DoctorSlots[] }>({
    key: '',
    rows: [],
  })
  const [days, setDays] = useState<Readonly<Record<string, DayAvailability>>>({})
  const [bandsTick, setBandsTick] = useState(0)
  const [monthTick, setMonthTick] = useState(0)

  useEffect(() => {
    let current = true
    void fetchBands({ doctorId }, date).then((result) => {
      if (current) setBands({ key: `${doctorId}@${date}`, rows: result.ok ? result.value : [] })
    })
    return () => void (current = false)
  }, [doctorId, date, bandsTick])

  useEffect(() => {
    let current = true
    void fetchMonth({ doctorId }, month).then((result) => {
      if (current && result.ok) setDays(result.value)
    })
    return () => void (current = false)
  }, [doctorId, month, monthTick])

  useEffect(
    () =>
      onSlotsChanged((m) => {
        if (m.doctorId !== doctorId) return
        if (m.date === date) setBandsTick((t) => t + 1)
        if (monthOf(m.date) === month) setMonthTick((t) => t + 1)
      }),
    [doctorId, date, month],
  )
  const reload = useCallback(() => setBandsTick((t) => t + 1), [])
  return { rows: bands.key === key ? bands.rows : [], loading: bands.key !== key, days, reload }
}
