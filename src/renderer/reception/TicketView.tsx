import { useTranslation } from 'react-i18next'
import type { Ticket } from '../../shared/contract'
import type { ClinicSettings } from '../../shared/contract'
import { sexLabel } from './patient-format'

/** An instant as the clinic's wall clock ('YYYY-MM-DD HH:mm'), whatever zone this PC is set to. */
function clinicTime(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}

export type Paper = ClinicSettings['ticketPaper']

/** The ticket (挂号单) itself: the queue number first and biggest, then who, where and when. */
export function TicketView({
  ticket,
  paper,
  timeZone,
}: {
  ticket: Ticket
  paper: Paper
  timeZone: string
}) {
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
        <dd>
          {t('ticket.waitValue', {
            ahead: ticket.aheadCount,
            minutes: ticket.estimatedWaitMinutes,
          })}
        </dd>
      </dl>
      <footer>
        <div>{t('ticket.note')}</div>
        <div className="ticket-printed">
          {t('ticket.printedAt', { at: clinicTime(ticket.printedAt, timeZone) })}
          {a.source === 'WALK_IN' ? ` · ${t('reception.walkInTag')}` : ''}
          {a.extra ? ` · ${t('extra.tag')}` : ''}
        </div>
      </footer>
    </article>
  )
}
