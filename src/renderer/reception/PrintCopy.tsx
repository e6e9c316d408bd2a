import type { ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { pageRule, type TicketPaper } from '../../shared/printing'

/**
 * The print-only copy of what a dialog shows, outside #root: when printing, the page is just
 * this, on the paper's @page size (reception.css hides everything else).
 */
export function PrintCopy({ paper, children }: { paper: TicketPaper; children: ReactNode }) {
  return createPortal(
    <div className="ticket-print" data-testid="ticket-print">
      <style>{pageRule(paper)}</style>
      {children}
    </div>,
    document.body,
  )
}
