import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { LeaveSession } from '../../../shared/contract'
import { createLeave } from '../stores/leave'
import { useSubmit } from '../../components/useSubmit'
import { useAdminSettings } from '../stores/settings'
import { useDirectory } from '../../stores/directory'
import { DoctorSelect } from '../common/DoctorSelect'
import { FieldError, FormError } from '../common/FieldError'

export interface ClosedDay {
  readonly leaveId: number
  readonly doctorId: number
  /** The first day (the only one for a one-day leave). */
  readonly date: string
  readonly to: string
  readonly session: LeaveSession
  readonly reason: string
  readonly closedSlots: number
  readonly affectedIds: readonly number[]
}

/**
 * 停诊: a doctor, a day or a range of days, all day or one session, and a reason. Closing is
 * immediate: the desk stops booking those bands at once.
 */
export function CloseDayForm({ onClosed }: { onClosed: (day: ClosedDay) => void }) {
  const { t } = useTranslation()
  const today = useAdminSettings((s) => s.today)
  const [doctorId, setDoctorId] = useState('')
  const [date, setDate] = useState('')
  const [reason, setReason] = useState('')
  const [toDate, setToDate] = useState('')
  const [session, setSession] = useState<LeaveSession>('ALL')
  const day = date || today || ''
  // The last day follows the first until it is set on its own, and is never before it.
  const to = toDate && toDate >= day ? toDate : day
  // Closing stops booking at every desk at once: the button asks once more, naming what it closes.
  const [confirming, setConfirming] = useState(false)
  const doctorName = useDirectory(
    (s) => s.doctors.find((d) => String(d.id) === doctorId)?.name ?? '',
  )
  const { run, busy, error } = useSubmit(
    () => createLeave({ doctorId: Number(doctorId), from: day, to, session, reason }),
    (r) => {
      setConfirming(false)
      onClosed({
        leaveId: r.leave.id,
        doctorId: Number(doctorId),
        date: day,
        to,
        session,
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
        <FieldError error={error} field="from" />
      </label>
      <label>
        <span>{t('leaveManage.to')}</span>
        <input
          type="date"
          value={to}
          min={day || undefined}
          onChange={(e) => change(setToDate)(e.target.value)}
          name="leaveTo"
          required
        />
        <FieldError error={error} field="to" />
      </label>
      <label>
        <span>{t('leaveManage.session')}</span>
        <select
          value={session}
          onChange={(e) => change(setSession)(e.target.value as LeaveSession)}
          name="leaveSession"
        >
          {(['ALL', 'AM', 'PM'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`leaveManage.sessions.${s}`)}
            </option>
          ))}
        </select>
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
        {!confirming
          ? t('admin.leave.close')
          : to !== day
            ? t('leaveManage.confirmRange', {
                doctor: doctorName,
                from: day,
                to,
                session: t(`leaveManage.sessions.${session}`),
              })
            : session !== 'ALL'
              ? t('leaveManage.confirmSession', {
                  doctor: doctorName,
                  date: day,
                  session: t(`leaveManage.sessions.${session}`),
                })
              : t('admin.leave.confirmClose', { doctor: doctorName, date: day })}
      </button>
      {confirming ? (
        <button type="button" onClick={() => setConfirming(false)}>
          {t('admin.cancel')}
        </button>
      ) : null}
      <FormError error={error} fields={['from', 'to', 'reason']} />
    </form>
  )
}
