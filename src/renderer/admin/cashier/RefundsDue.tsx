import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RefundDue } from '../../../shared/contract'
import { yuan } from '../../../shared/money-format'
import { onHostEvent } from '../../api/host-action'
import { errorSentence } from '../../i18n'
import { listRefundsDue, refundPayment } from '../stores/cashier'

/**
 * Refunds owed: canceled visits whose fee is still held (a 停诊 bulk cancel, a cancel by phone),
 * oldest first, each refunded in full the way it was paid with one press. Live on payments.changed.
 */
export function RefundsDue() {
  const { t } = useTranslation()
  const [rows, setRows] = useState<readonly RefundDue[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<number | null>(null)
  const reload = useCallback(() => {
    void listRefundsDue({}).then((r) => r.ok && setRows(r.value))
  }, [])
  useEffect(reload, [reload])
  useEffect(() => onHostEvent('payments.changed', reload), [reload])

  const refund = async (due: RefundDue) => {
    if (busy !== null) return
    setBusy(due.payment.id)
    const r = await refundPayment({
      paymentId: due.payment.id,
      amountFen: due.heldFen,
      reason: due.cancelReason ?? t('cashier.refund'),
      // One full refund per payment: a press retried after a dropped link gives the money back once.
      idempotencyKey: `refund-due-${due.payment.id}`,
    })
    setBusy(null)
    setError(r.ok ? null : errorSentence(r.error))
    reload()
  }

  if (rows.length === 0) return null
  return (
    <section className="card" data-testid="cashier-refunds-due">
      <h2>{t('cashier.admin.refundsDue')}</h2>
      {error ? <p className="error">{error}</p> : null}
      <table className="grid">
        <thead>
          <tr>
            <th>{t('ticket.patient')}</th>
            <th>{t('cashier.admin.phone')}</th>
            <th>{t('ticket.time')}</th>
            <th>{t('cashier.refundReason')}</th>
            <th>{t('cashier.method')}</th>
            <th className="num">{t('cashier.amount')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.payment.id} data-payment={d.payment.id}>
              <td>{d.patientName}</td>
              <td>{d.patientPhone ?? '—'}</td>
              <td>{d.payment.visitDate}</td>
              <td>{d.cancelReason ?? ''}</td>
              <td>{t(`cashier.methods.${d.payment.method}`)}</td>
              <td className="num">{yuan(d.heldFen)}</td>
              <td>
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void refund(d)}
                  data-action="refund"
                >
                  {t('cashier.refund')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
