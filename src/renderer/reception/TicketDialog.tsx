import { useEffect, useRef } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { errorSentence } from '../i18n'
import { useClinic } from './stores/clinic'
import { closeTicket, printTicket, useTicket } from './stores/ticket'
import { Dialog } from '../components/Dialog'
import { TicketView, type Paper } from './TicketView'

/** Receipt printers take a fixed width; the length is what the ticket needs plus a tear-off margin. */
const PAGE_SIZE: Record<Paper, string> = { '58mm': '58mm 110mm', '80mm': '80mm 120mm', A4: 'A4' }

/**
 * The ticket on screen with Print and Close, plus a print-only copy outside #root:
 * when printing, the page shows just that copy on paper of the clinic's chosen size.
 */
export function TicketDialog() {
  const { t } = useTranslation()
  const { appointmentId, ticket, error, autoPrint, printed } = useTicket()
  const paper: Paper = useClinic((s) => s.settings?.ticketPaper ?? '80mm')
  const timeZone = useClinic((s) => s.settings?.timeZone ?? 'Asia/Shanghai')

  const printButton = useRef<HTMLButtonElement>(null)
  const closeButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!ticket) return
    // Print once the ticket is painted (walk-in prints without asking); then Enter closes.
    // A reprint waits for Enter on Print.
    if (autoPrint) {
      closeButton.current?.focus()
      requestAnimationFrame(() => printTicket())
    } else printButton.current?.focus()
  }, [ticket]) // eslint-disable-line react-hooks/exhaustive-deps -- once per ticket shown

  if (appointmentId === null) return null
  return (
    <>
      <Dialog title={t('ticket.title')} onClose={closeTicket} testId="rx-ticket-dialog">
        <div className="rx-ticket-preview" data-paper={paper}>
          {ticket ? (
            <TicketView ticket={ticket} paper={paper} timeZone={timeZone} />
          ) : (
            <p className="rx-empty">{error ? errorSentence(error) : t('reception.loading')}</p>
          )}
        </div>
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
            onClick={printTicket}
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
      {ticket
        ? createPortal(
            <div className="ticket-print" data-testid="ticket-print">
              <style>{`@page { size: ${PAGE_SIZE[paper]}; margin: ${paper === 'A4' ? '15mm' : '3mm'}; }`}</style>
              <TicketView ticket={ticket} paper={paper} timeZone={timeZone} />
            </div>,
            document.body,
          )
        : null}
    </>
  )
}
