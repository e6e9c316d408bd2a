import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { bridge } from '../../api/bridge'
import { useSubmit } from '../../components/useSubmit'
import { useAdminSettings } from '../../stores/admin-settings'
import { DoctorSelect } from '../common/DoctorSelect'
import { FieldError, FormError } from '../common/FieldError'

export interface ClosedDay {
  readonly doctorId: number
  readonly date: string
  readonly reason: string
  readonly closedSlots: number
  readonly affectedIds: readonly number[]
}

/** 停诊: a doctor, a day and a reason. Closing is immediate: the desk stops booking that day at once. */
export function CloseDayForm({ onClosed }: { onClosed: (day: ClosedDay) => void }) {
  const { t } = useTranslation()
  const today = useAdminSettings((s) => s.today)
  const [doctorId, setDoctorId] = useState('')
  const [date, setDate] = useState('')
  const [reason, setReason] = useState('')
  const day = date || today || ''
  const { run, busy, error } = useSubmit(
    () => bridge.call('schedules.closeDay', { doctorId: Number(doctorId), date: day, reason }),
    (r) => onClosed({ doctorId: Number(doctorId), date: day, reason, closedSlots: r.closedSlots, affectedIds: r.affectedAppointmentIds }),
  )
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void run()
  }
  return (
    <form className="card inline-form" onSubmit={onSubmit} data-testid="close-day">
      <h2 className="span-all">{t('admin.leave.closeTitle')}</h2>
      <label>
        <span>{t('admin.sessions.doctor')}</span>
        <DoctorSelect value={doctorId} onChange={setDoctorId} name="leaveDoctor" required />
      </label>
      <label>
        <span>{t('admin.date')}</span>
        <input type="date" value={day} min={today ?? undefined} onChange={(e) => setDate(e.target.value)} name="leaveDate" required />
        <FieldError error={error} field="date" />
      </label>
      <label className="grow">
        <span>{t('admin.leave.reason')}</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} name="leaveReason" placeholder={t('admin.leave.reasonHint')} required />
        <FieldError error={error} field="reason" />
      </label>
      <button className="danger solid" disabled={busy || !doctorId || !day || !reason.trim()}>
        {t('admin.leave.close')}
      </button>
      <FormError error={error} fields={['date', 'reason']} />
    </form>
  )
}
