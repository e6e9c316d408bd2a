import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Appointment } from '../../shared/contract'
import { useSubmit } from '../components/useSubmit'
import { Dialog } from '../components/Dialog'
import { cancelAppointment } from './stores/daylist'

const REASONS = ['patient', 'duplicate', 'doctorOff', 'other'] as const

/** 退号: a reason is required (one of the usual ones, or typed). */
export function CancelDialog({
  appointment,
  onClose,
}: {
  appointment: Appointment
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [reason, setReason] = useState('')
  const submit = useCallback(
    () => cancelAppointment(appointment.id, reason),
    [appointment.id, reason],
  )
  const { run, busy, errorText } = useSubmit(submit, onClose)
  return (
    <Dialog
      title={t('reception.cancelTitle', { no: appointment.queueNo, name: appointment.patientName })}
      onClose={onClose}
      testId="rx-cancel-dialog"
    >
      <p className="muted">
        {appointment.date} {appointment.startTime}–{appointment.endTime}
      </p>
      <form
        className="rx-form"
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <div className="rx-chips">
          {REASONS.filter((r) => r !== 'other').map((r) => (
            <button
              type="button"
              key={r}
              className={reason === t(`reception.reason.${r}`) ? 'active' : ''}
              onClick={() => setReason(t(`reception.reason.${r}`))}
            >
              {t(`reception.reason.${r}`)}
            </button>
          ))}
        </div>
        <label>
          <span>{t('reception.cancelReason')}</span>
          <input
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            data-testid="rx-cancel-reason"
          />
        </label>
        <p className="rx-message error" role="alert">
          {errorText ?? ''}
        </p>
        <div className="rx-actions">
          <button
            type="submit"
            className="danger"
            disabled={busy || !reason.trim()}
            data-testid="rx-cancel-confirm"
          >
            {busy ? t('reception.saving') : t('reception.cancelConfirm')}
          </button>
          <button type="button" onClick={onClose}>
            {t('reception.back')} <span className="rx-key">Esc</span>
          </button>
        </div>
      </form>
    </Dialog>
  )
}
