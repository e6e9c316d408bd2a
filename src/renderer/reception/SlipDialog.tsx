import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '../components/Dialog'
import { PrintCopy } from '../components/PrintCopy'
import { ReceiptView } from './ReceiptView'
import { RefundSlipView } from './RefundSlipView'
import { closeSlip, useCashier } from './stores/cashier'
import { useClinic } from './stores/clinic'
import { usePrinter } from './stores/printer'
import { printTicket } from './stores/ticket'
import type { Paper } from './TicketView'

/**
 * A receipt or a refund slip alone, on this desk's receipt paper: a new one prints at once (then
 * Enter closes), a reprint waits for Enter on Print.
 */
export function SlipDialog() {
  const { t } = useTranslation()
  const slip = useCashier((s) => s.slip)
  const clinicPaper: Paper = useClinic((s) => s.settings?.ticketPaper ?? '80mm')
  const paper: Paper = usePrinter((s) => s.paper) ?? clinicPaper
  const timeZone = useClinic((s) => s.settings?.timeZone ?? 'Asia/Shanghai')
  const printButton = useRef<HTMLButtonElement>(null)
  const closeButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!slip) return
    if (slip.autoPrint) {
      closeButton.current?.focus()
      requestAnimationFrame(() => printTicket(paper))
    } else printButton.current?.focus()
  }, [slip]) // eslint-disable-line react-hooks/exhaustive-deps -- once per slip shown

  if (!slip) return null
  const view =
    slip.kind === 'receipt' ? (
      <ReceiptView receipt={slip.receipt} paper={paper} timeZone={timeZone} />
    ) : (
      <RefundSlipView slip={slip.slip} paper={paper} timeZone={timeZone} />
    )
  return (
    <>
      <Dialog
        title={slip.kind === 'receipt' ? t('cashier.receiptTitle') : t('cashier.refundSlip')}
        onClose={closeSlip}
        testId="rx-slip-dialog"
      >
        <div className="rx-ticket-preview" data-paper={paper}>
          {view}
        </div>
        <div className="rx-actions">
          <button
            ref={printButton}
            type="button"
            className="primary"
            onClick={() => printTicket(paper)}
            data-testid="rx-slip-print"
          >
            {t('ticket.print')} <span className="rx-key">Enter</span>
          </button>
          <button ref={closeButton} type="button" onClick={closeSlip} data-testid="rx-slip-close">
            {t('reception.close')} <span className="rx-key">Esc</span>
          </button>
        </div>
      </Dialog>
      <PrintCopy paper={paper}>{view}</PrintCopy>
    </>
  )
}
