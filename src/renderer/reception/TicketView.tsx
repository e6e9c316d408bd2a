import { useTranslation } from 'react-i18next'
import type { Ticket } from '../../shared/contract'
import type { ClinicSettings } from '../../shared/contract'
import { sexLabel } from './patient-format'

export type Paper = ClinicSettings['ticketPaper']

/** The ticket (挂号单) itself: the queue number first and biggest, then who, where and when. */
export function TicketView({ ticket, paper }: { ticket: Ticket; paper: Paper }) {
  const { t } = useTranslation()
  const a = ticket.appointment
  return (
    <article className={`ticket ticket-${paper}`} data-testid="ticket">
      <header>
        <div className="ticket-clinic">{ticket.clinicName}</div>
        <div className="ticket-kind">{t('ticket.title')}</div>
      </header>
      <div className="ticket-no">
        <span className="ticket-no-label">{t('ticket.queueNo')}</span>
        <span className="ticket-no-value" data-testid="ticket-no">
          {a.queueNo}
        </span>
      </div>
      <dl>
        <dt>{t('ticket.patient')}</dt>
        <dd>
          {a.patientName} {sexLabel(t, a.patientSex)}
          {a.patientAge !== null ? ` ${t('reception.age', { count: a.patientAge })}` : ''}
        </dd>
        {ticket.idNumberMasked ? (
          <>
            <dt>{t('ticket.idNumber')}</dt>
            <dd className="ticket-mono">{ticket.idNumberMasked}</dd>
          </>
        ) : null}
        <dt>{t('ticket.department')}</dt>
        <dd>{ticket.departmentName}</dd>
        <dt>{t('ticket.doctor')}</dt>
        <dd>
          {ticket.doctorName} {ticket.doctorTitle}
        </dd>
        <dt>{t('ticket.room')}</dt>
        <dd>{ticket.roomName ?? '—'}</dd>
        <dt>{t('ticket.time')}</dt>
        <dd>
          {a.date} {a.startTime}–{a.endTime}
        </dd>
        <dt>{t('ticket.wait')}</dt>
        <dd>{t('ticket.waitValue', { ahead: ticket.aheadCount, minutes: ticket.estimatedWaitMinutes })}</dd>
      </dl>
      <footer>
        <div>{t('ticket.note')}</div>
        <div className="ticket-printed">
          {t('ticket.printedAt', { at: ticket.printedAt.slice(0, 16).replace('T', ' ') })}
          {a.source === 'WALK_IN' ? ` · ${t('reception.walkInTag')}` : ''}
        </div>
      </footer>
    </article>
  )
}
