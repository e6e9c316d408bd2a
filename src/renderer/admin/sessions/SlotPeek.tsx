import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Slot } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { onHostEvent } from '../../api/host-action'
import { slotsForDoctorDay } from '../stores/templates'
import { errorSentence } from '../../i18n'
import { useAdminSettings } from '../stores/settings'

/**
 * The bands that really exist for the doctor on a day, as the desk will see them: the check that
 * generating did what the preview promised. Live on slots.changed for that doctor-day.
 */
export function SlotPeek({ doctorId, refreshKey }: { doctorId: number; refreshKey: number }) {
  const { t } = useTranslation()
  const today = useAdminSettings((s) => s.today)
  const [date, setDate] = useState('')
  const day = date || today || ''
  const [slots, setSlots] = useState<readonly Slot[] | null>(null)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [bump, setBump] = useState(0)

  useEffect(
    () =>
      onHostEvent(
        'slots.changed',
        (m) => void (m.doctorId === doctorId && m.date === day && setBump((n) => n + 1)),
      ),
    [doctorId, day],
  )
  useEffect(() => {
    if (!day) return
    let current = true
    void slotsForDoctorDay({ doctorId, date: day }).then((r) => {
      if (!current) return
      setSlots(r.ok ? r.value : null)
      setError(r.ok ? null : r.error)
    })
    return () => void (current = false)
  }, [doctorId, day, bump, refreshKey])

  return (
    <section className="card" data-testid="slot-peek">
      <h2>{t('admin.sessions.peekTitle')}</h2>
      <label className="inline-label">
        <span>{t('admin.date')}</span>
        <input type="date" value={day} onChange={(e) => setDate(e.target.value)} name="peekDate" />
      </label>
      {error ? <p className="error">{errorSentence(error)}</p> : null}
      {slots && slots.length === 0 ? <p className="empty">{t('admin.sessions.peekNone')}</p> : null}
      {slots && slots.length > 0 ? (
        <ol className="bands">
          {slots.map((s) => (
            <li key={s.id} data-testid="slot" className={`slot-${s.status.toLowerCase()}`}>
              <span className="band-time">
                {s.startTime}–{s.endTime}
              </span>
              <span className="band-quota">
                {t('admin.sessions.bookedOf', { booked: s.booked, quota: s.quota })}
              </span>
              {s.status === 'CLOSED' ? (
                <span className="tag">{t('admin.leave.closed')}</span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  )
}
