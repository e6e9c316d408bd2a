import { useCallback, useEffect, useState } from 'react'
import { LIVE_STATUSES, type Appointment } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { onHostEvent } from '../../api/host-action'
import { appointmentsForDay, slotsForDoctorDay } from '../stores/leave'

/**
 * The live appointments of a closed doctor-day: those in its CLOSED bands, plus the ids closeDay
 * returned. Read from the host (not kept from the close) so the list stays true while others
 * cancel or move patients, live on appointments.changed and slots.changed.
 */
export function useAffected(doctorId: number, date: string, knownIds: readonly number[]) {
  const [appointments, setAppointments] = useState<readonly Appointment[] | null>(null)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [bump, setBump] = useState(0)
  const reload = useCallback(() => setBump((n) => n + 1), [])

  useEffect(() => {
    const mine = (m: { doctorId: number; date: string }) =>
      m.doctorId === doctorId && m.date === date
    const offA = onHostEvent('appointments.changed', (m) => void (mine(m) && reload()))
    const offS = onHostEvent('slots.changed', (m) => void (mine(m) && reload()))
    return () => {
      offA()
      offS()
    }
  }, [doctorId, date, reload])

  const known = knownIds.join(',')
  useEffect(() => {
    let current = true
    void Promise.all([
      appointmentsForDay({ date, doctorId, statuses: [...LIVE_STATUSES] }),
      slotsForDoctorDay({ doctorId, date }),
    ]).then(([appts, slots]) => {
      if (!current) return
      if (!appts.ok || !slots.ok) {
        setError(!appts.ok ? appts.error : !slots.ok ? slots.error : null)
        return
      }
      const closed = new Set(slots.value.filter((s) => s.status === 'CLOSED').map((s) => s.id))
      const ids = new Set(known ? known.split(',').map(Number) : [])
      setError(null)
      setAppointments(appts.value.filter((a) => closed.has(a.slotId) || ids.has(a.id)))
    })
    return () => void (current = false)
  }, [doctorId, date, known, bump])

  return { appointments, error, reload }
}
