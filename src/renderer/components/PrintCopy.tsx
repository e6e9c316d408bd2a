import type { ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { pageRule, type TicketPaper } from '../../shared/printing'

/**
 * The print-only copy of what a dialog or page shows, outside #root: when printing, the page is
 * just this, on the paper's @page size (the class's print rule hides everything else: reception.css
 * for tickets and slips, shift-sheet.css for the A4 day-end sheet).
 */
export function PrintCopy({
  paper,
  children,
  className = 'ticket-print',
}: {
  paper: TicketPaper
  children: ReactNode
  className?: string
}) {
  return createPortal(
    <div className={className} data-testid={className}>
      <style>{pageRule(paper)}</style>
      {children}
    </div>,
    document.body,
  )
}
