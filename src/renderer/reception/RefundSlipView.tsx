import { useTranslation } from 'react-i18next'
import type { RefundSlip } from '../../shared/contract'
import { formatClinicTime } from '../../shared/clinic-time'
import { yuan } from '../../shared/money-format'
import type { Paper } from './TicketView'

/** The refund slip (退费凭证): which receipt, how much went back and how, who and why. */
export function RefundSlipView({
  slip: s,
  paper,
  timeZone,
}: {
  slip: RefundSlip
  paper: Paper
  timeZone: string
}) {
  const { t, i18n } = useTranslation()
  const r = s.refund
  return (
    <article className={`ticket receipt ticket-${paper}`} data-testid="refund-slip">
      <header>
        <div className="ticket-clinic">{s.clinicName}</div>
        <div className="ticket-kind">{t('cashier.refundSlip')}</div>
      </header>
      <dl>
        <dt>{t('cashier.slipNo')}</dt>
        <dd className="ticket-mono">{s.refundLabel}</dd>
        <dt>{t('cashier.receiptNo')}</dt>
        <dd className="ticket-mono">{s.receiptLabel}</dd>
        <dt>{t('ticket.patient')}</dt>
        <dd>{s.patientName}</dd>
      </dl>
      <div className="receipt-line">
        <span>{t('cashier.refundAmount')}</span>
        <strong className="receipt-amount" data-testid="refund-amount">
          {yuan(-r.amountFen)}
        </strong>
      </div>
      <dl>
        <dt>{t('cashier.refundMethod')}</dt>
        <dd data-testid="refund-method">{t(`cashier.methods.${r.method}`)}</dd>
        <dt>{t('cashier.refundReason')}</dt>
        <dd>{r.reason}</dd>
        <dt>{t('cashier.refundedBy')}</dt>
        <dd>{r.cashier}</dd>
        <dt>{t('cashier.refundedAt')}</dt>
        <dd>{formatClinicTime(r.createdAt, i18n.language, timeZone)}</dd>
      </dl>
      <footer>
        <div>{t('cashier.refundNote')}</div>
      </footer>
    </article>
  )
}
