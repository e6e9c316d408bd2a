import { useTranslation } from 'react-i18next'
import type { Receipt } from '../../shared/contract'
import { formatClinicTime } from '../../shared/clinic-time'
import { yuan } from '../../shared/money-format'
import type { Paper } from './TicketView'

/**
 * The receipt (收据) on receipt paper, laid out like the ticket it is printed with. A reprint is
 * marked 副本 in large letters, so a second paper is never taken for a second payment.
 */
export function ReceiptView({
  receipt: r,
  paper,
  timeZone,
}: {
  receipt: Receipt
  paper: Paper
  timeZone: string
}) {
  const { t, i18n } = useTranslation()
  const p = r.payment
  return (
    <article className={`ticket receipt ticket-${paper}`} data-testid="receipt" data-copy={r.copy}>
      <header>
        <div className="ticket-clinic">{r.clinicName}</div>
        <div className="ticket-kind">
          {t('cashier.receiptTitle')}
          {r.copy ? (
            <span className="receipt-copy" data-testid="receipt-copy">
              {t('cashier.copy')}
            </span>
          ) : null}
        </div>
      </header>
      <dl>
        <dt>{t('cashier.receiptNo')}</dt>
        <dd className="ticket-mono" data-testid="receipt-no">
          {r.receiptLabel}
        </dd>
        <dt>{t('ticket.patient')}</dt>
        <dd>
          {r.patientName} · {t('ticket.queueNo')} {r.queueNo}
        </dd>
        <dt>{t('ticket.doctor')}</dt>
        <dd>
          {r.departmentName} {r.doctorName} {r.doctorTitle}
        </dd>
        <dt>{t('ticket.time')}</dt>
        <dd>
          {r.visitDate} {r.startTime}
        </dd>
      </dl>
      <div className="receipt-line">
        <span>{t('cashier.itemFee')}</span>
        <strong className="receipt-amount" data-testid="receipt-amount">
          {yuan(p.amountFen + p.carriedFen)}
        </strong>
      </div>
      <dl>
        <dt>{t('cashier.method')}</dt>
        <dd>
          {t(`cashier.methods.${p.method}`)}
          {p.freeReason ? ` · ${p.freeReason}` : ''}
        </dd>
        {p.tenderedFen !== null ? (
          <>
            <dt>{t('cashier.tendered')}</dt>
            <dd>{yuan(p.tenderedFen)}</dd>
            <dt>{t('cashier.change')}</dt>
            <dd data-testid="receipt-change">{yuan(p.tenderedFen - p.amountFen)}</dd>
          </>
        ) : null}
        <dt>{t('cashier.cashier')}</dt>
        <dd>{p.cashier}</dd>
        <dt>{t('cashier.paidAt')}</dt>
        <dd>{formatClinicTime(p.createdAt, i18n.language, timeZone)}</dd>
      </dl>
      <footer>
        <div>{t('cashier.receiptNote')}</div>
      </footer>
    </article>
  )
}
