import { useTranslation } from 'react-i18next'
import { formatClinicTime } from '../../shared/clinic-time'
import { yuan } from '../../shared/money-format'
import type { Paper } from './TicketView'

/** What a refund slip (退费凭证) prints: which receipt, how much went back and how, who and why. */
export interface RefundFacts {
  readonly clinicName: string
  readonly receiptNo: string
  readonly queueNo: number
  readonly patientName: string
  readonly doctorName: string
  readonly date: string
  readonly startTime: string
  readonly amountFen: number
  readonly method: string
  readonly reason: string
  readonly by: string
  readonly at: string
}

/** The refund slip on receipt paper, for the patient to sign or keep. */
export function RefundSlipView({
  refund: r,
  paper,
  timeZone,
}: {
  refund: RefundFacts
  paper: Paper
  timeZone: string
}) {
  const { t, i18n } = useTranslation()
  return (
    <article className={`ticket receipt ticket-${paper}`} data-testid="refund-slip">
      <header>
        <div className="ticket-clinic">{r.clinicName}</div>
        <div className="ticket-kind">{t('cashier.refundSlip')}</div>
      </header>
      <dl>
        <dt>{t('cashier.receiptNo')}</dt>
        <dd className="ticket-mono">{t('cashier.refundSlipOf', { receipt: r.receiptNo })}</dd>
        <dt>{t('ticket.patient')}</dt>
        <dd>
          {r.patientName} · {t('ticket.queueNo')} {r.queueNo}
        </dd>
        <dt>{t('ticket.doctor')}</dt>
        <dd>{r.doctorName}</dd>
        <dt>{t('ticket.time')}</dt>
        <dd>
          {r.date} {r.startTime}
        </dd>
      </dl>
      <div className="receipt-line">
        <span>{t('cashier.refundAmount')}</span>
        <strong className="receipt-amount" data-testid="refund-amount">
          {yuan(-r.amountFen)}
        </strong>
      </div>
      <dl>
        <dt>{t('cashier.refundMethod')}</dt>
        <dd>
          {t(`cashier.methods.${r.method}` as 'cashier.methods.CASH', { defaultValue: r.method })}
        </dd>
        <dt>{t('cashier.refundReason')}</dt>
        <dd>{r.reason}</dd>
        <dt>{t('cashier.refundedBy')}</dt>
        <dd>{r.by}</dd>
        <dt>{t('cashier.refundedAt')}</dt>
        <dd>{formatClinicTime(r.at, i18n.language, timeZone)}</dd>
      </dl>
    </article>
  )
}
