import { useTranslation } from 'react-i18next'
import { formatClinicTime } from '../../shared/clinic-time'
import { yuan } from '../../shared/money-format'
import type { Paper } from './TicketView'

/** What a receipt (收据) prints: the payment, who paid for which visit, and whether this is a copy. */
export interface ReceiptFacts {
  readonly clinicName: string
  readonly receiptNo: string
  readonly queueNo: number
  readonly patientName: string
  readonly departmentName: string
  readonly doctorName: string
  readonly doctorTitle: string
  readonly date: string
  readonly startTime: string
  readonly amountFen: number
  readonly method: string
  readonly tenderedFen: number | null
  readonly changeFen: number | null
  readonly freeReason: string | null
  readonly cashier: string
  readonly paidAt: string
  /** A reprint: marked 副本 so a second paper is never taken for a second payment. */
  readonly copy: boolean
}

/** The receipt on receipt paper, laid out like the ticket it is printed with. */
export function ReceiptView({
  receipt: r,
  paper,
  timeZone,
}: {
  receipt: ReceiptFacts
  paper: Paper
  timeZone: string
}) {
  const { t, i18n } = useTranslation()
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
          {r.receiptNo}
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
          {r.date} {r.startTime}
        </dd>
      </dl>
      <div className="receipt-line">
        <span>{t('cashier.itemFee')}</span>
        <strong className="receipt-amount" data-testid="receipt-amount">
          {yuan(r.amountFen)}
        </strong>
      </div>
      <dl>
        <dt>{t('cashier.method')}</dt>
        <dd>
          {t(`cashier.methods.${r.method}` as 'cashier.methods.CASH', { defaultValue: r.method })}
          {r.freeReason ? ` · ${r.freeReason}` : ''}
        </dd>
        {r.tenderedFen !== null ? (
          <>
            <dt>{t('cashier.tendered')}</dt>
            <dd>{yuan(r.tenderedFen)}</dd>
            <dt>{t('cashier.change')}</dt>
            <dd>{yuan(r.changeFen ?? 0)}</dd>
          </>
        ) : null}
        <dt>{t('cashier.cashier')}</dt>
        <dd>{r.cashier}</dd>
        <dt>{t('cashier.paidAt')}</dt>
        <dd>{formatClinicTime(r.paidAt, i18n.language, timeZone)}</dd>
      </dl>
      <footer>
        <div>{t('cashier.receiptNote')}</div>
      </footer>
    </article>
  )
}
