import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { closeDay } from '../stores/leave'
import { useSubmit } from '../../components/useSubmit'
import { useAdminSettings } from '../stores/settings'
import { useDirectory } from '../../stores/directory'
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
  // Closing stops booking at every desk at once: the button asks once more, naming what it closes.
  const [confirming, setConfirming] = useState(false)
  const doctorName = useDirectory(
    (s) => s.doctors.find((d) => String(d.id) === doctorId)?.name ?? '',
  )
  const { run, busy, error } = useSubmit(
    () => closeDay({ doctorId: Number(doctorId), date: day, reason }),
    (r) => {
      setConfirming(false)
      onClosed({
        doctorId: Number(doctorId),
        date: day,
        reason,
        closedSlots: r.closedSlots,
        affectedIds: r.affectedAppointmentIds,
      })
    },
  )
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setConfirming(false)
      set(v)
    }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    if (confirming) void run()
    else setConfirming(true)
  }
  return (
    <form className="card inline-form" onSubmit={onSubmit} data-testid="close-day">
      <h2 className="span-all">{t('admin.leave.closeTitle')}</h2>
      <label>
        <span>{t('admin.sessions.doctor')}</span>
        <DoctorSelect value={doctorId} onChange={change(setDoctorId)} name="leaveDoctor" required />
      </label>
      <label>
        <span>{t('admin.date')}</span>
        <input
          type="date"
          value={day}
          min={today ?? undefined}
          onChange={(e) => change(setDate)(e.target.value)}
          name="leaveDate"
          required
        />
        <FieldError error={error} field="date" />
      </label>
      <label className="grow">
        <span>{t('admin.leave.reason')}</span>
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
          name="leaveReason"
          placeholder={t('admin.leave.reasonHint')}
          required
        />
        <FieldError error={error} field="reason" />
      </label>
      <button
        className="danger solid"
        disabled={busy || !doctorId || !day || !reason.trim()}
        data-testid="close-day-submit"
      >
        {confirming
          ? t('admin.leave.confirmClose', { doctor: doctorName, date: day })
          : t('admin.leave.close')}
      </button>
      {confirming ? (
        <button type="button" onClick={() => setConfirming(false)}>
          {t('admin.cancel')}
        </button>
      ) : null}
      <FormError error={error} fields={['date', 'reason']} />
    </form>
  )
}
