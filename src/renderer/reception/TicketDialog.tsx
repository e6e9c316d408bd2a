import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { errorSentence } from '../i18n'
import { useClinic } from './stores/clinic'
import { closeTicket, printTicket, useTicket } from './stores/ticket'
import { Dialog } from '../components/Dialog'
import { PrintCopy } from '../components/PrintCopy'
import { PrinterSetup } from './PrinterSetup'
import { ReceiptView } from './ReceiptView'
import { usePrinter } from './stores/printer'
import { TicketView, type Paper } from './TicketView'

/**
 * The ticket on screen with Print and Close, plus a print-only copy outside #root:
 * when printing, the page shows just that copy on paper of the clinic's chosen size.
 */
export function TicketDialog() {
  const { t } = useTranslation()
  const { appointmentId, ticket, receipt, error, autoPrint, printed } = useTicket()
  const clinicPaper: Paper = useClinic((s) => s.settings?.ticketPaper ?? '80mm')
  // This desk's own paper when it has chosen one, else the clinic's.
  const paper: Paper = usePrinter((s) => s.paper) ?? clinicPaper
  const timeZone = useClinic((s) => s.settings?.timeZone ?? 'Asia/Shanghai')

  const printButton = useRef<HTMLButtonElement>(null)
  const closeButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!ticket) return
    // Print once the ticket is painted (walk-in prints without asking); then Enter closes.
    // A reprint waits for Enter on Print.
    if (autoPrint) {
      closeButton.current?.focus()
      requestAnimationFrame(() => printTicket(paper))
    } else printButton.current?.focus()
  }, [ticket]) // eslint-disable-line react-hooks/exhaustive-deps -- once per ticket shown

  if (appointmentId === null) return null
  return (
    <>
      <Dialog title={t('ticket.title')} onClose={closeTicket} testId="rx-ticket-dialog">
        <div className="rx-ticket-preview" data-paper={paper}>
          {ticket ? (
            <>
              <TicketView ticket={ticket} paper={paper} timeZone={timeZone} />
              {receipt ? <ReceiptView receipt={receipt} paper={paper} timeZone={timeZone} /> : null}
            </>
          ) : (
            <p className="rx-empty">{error ? errorSentence(error) : t('reception.loading')}</p>
          )}
        </div>
        <PrinterSetup clinicPaper={clinicPaper} />
        <p className="muted" data-testid="rx-printed" data-count={printed}>
          {t('ticket.paper', { paper })}
          {printed > 0 ? ` · ${t('ticket.sent')}` : ''}
        </p>
        <div className="rx-actions">
          <button
            ref={printButton}
            type="button"
            className="primary"
            disabled={!ticket}
            onClick={() => printTicket(paper)}
            data-testid="rx-ticket-print"
          >
            {t('ticket.print')} <span className="rx-key">Enter</span>
          </button>
          <button
            ref={closeButton}
            type="button"
            onClick={closeTicket}
            data-testid="rx-ticket-close"
          >
            {t('reception.close')} <span className="rx-key">Esc</span>
          </button>
        </div>
      </Dialog>
      {ticket ? (
        <PrintCopy paper={paper}>
          <TicketView ticket={ticket} paper={paper} timeZone={timeZone} />
          {receipt ? <ReceiptView receipt={receipt} paper={paper} timeZone={timeZone} /> : null}
        </PrintCopy>
      ) : null}
    </>
  )
}
