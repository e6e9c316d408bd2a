import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Appointment, AppointmentMoney } from '../../shared/contract'
import { yuan } from '../../shared/money-format'
import { moneyOf, showRefundSlip } from './stores/cashier'
import { useSubmit } from '../components/useSubmit'
import { Dialog } from '../components/Dialog'
import { cancelAppointment } from './stores/daylist'

const REASONS = ['patient', 'duplicate', 'doctorOff', 'other'] as const

/**
 * 退号: a reason is required (one of the usual ones, or typed). A paid booking shows the refund the
 * host makes with it (in full, the way it was paid), and its slip prints once the cancel is done.
 */
export function CancelDialog({
  appointment,
  onClose,
}: {
  appointment: Appointment
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [reason, setReason] = useState('')
  const [money, setMoney] = useState<AppointmentMoney | null>(null)
  useEffect(() => {
    void moneyOf(appointment.id).then((r) => r.ok && setMoney(r.value))
  }, [appointment.id])
  const submit = useCallback(
    () => cancelAppointment(appointment.id, reason),
    [appointment.id, reason],
  )
  const done = useCallback(() => {
    onClose()
    // The refund the cancel made, if any: its slip, printed at once.
    void moneyOf(appointment.id).then((r) => {
      const before = new Set(money?.refunds.map((x) => x.id))
      const made = r.ok ? r.value.refunds.filter((x) => !before.has(x.id)) : []
      const last = made[made.length - 1]
      if (last) void showRefundSlip(last.id, true)
    })
  }, [appointment.id, money, onClose])
  const { run, busy, errorText } = useSubmit(submit, done)
  return (
    <Dialog
      title={t('reception.cancelTitle', { no: appointment.queueNo, name: appointment.patientName })}
      onClose={onClose}
      testId="rx-cancel-dialog"
    >
      <p className="muted">
        {appointment.date} {appointment.startTime}–{appointment.endTime}
      </p>
      {money && (money.heldFen > 0 || money.payment === null) ? (
        <p
          className={money.heldFen > 0 ? 'rx-refund-due' : 'muted'}
          data-testid="rx-refund-due"
          data-fen={money.heldFen}
        >
          {money.heldFen > 0 && money.payment
            ? t('cashier.refundDue', {
                amount: yuan(money.heldFen),
                method: t(`cashier.methods.${money.payment.method}`),
              })
            : t('cashier.unpaidCancel')}
        </p>
      ) : null}
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
