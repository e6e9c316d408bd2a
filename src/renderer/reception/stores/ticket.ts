import { create } from 'zustand'
import type { Receipt, Ticket } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import type { TicketPaper } from '../../../shared/printing'
import { printPage } from './printer'

export interface TicketState {
  /** The appointment whose ticket is open, or null. */
  readonly appointmentId: number | null
  readonly ticket: Ticket | null
  /** The receipt of the payment just taken, printed on the same paper under the ticket. */
  readonly receipt: Receipt | null
  readonly error: AppErrorShape | null
  /** Print as soon as the ticket is on screen (walk-in). */
  readonly autoPrint: boolean
  /** How many times this desk asked to print (shown to the user and read by tests). */
  readonly printed: number
}

/** The ticket (挂号单) being shown or printed at this desk. */
export const useTicket = create<TicketState>(() => ({
  appointmentId: null,
  ticket: null,
  receipt: null,
  error: null,
  autoPrint: false,
  printed: 0,
}))

let seq = 0

export async function openTicket(
  appointmentId: number,
  options: { print?: boolean; receipt?: Receipt } = {},
): Promise<void> {
  const mine = ++seq
  useTicket.setState({
    appointmentId,
    ticket: null,
    receipt: options.receipt ?? null,
    error: null,
    autoPrint: options.print ?? false,
  })
  const result = await bridge.call('appointments.ticket', { id: appointmentId })
  if (mine !== seq) return
  useTicket.setState(result.ok ? { ticket: result.value } : { error: result.error })
}

export function closeTicket(): void {
  seq++
  useTicket.setState({
    appointmentId: null,
    ticket: null,
    receipt: null,
    error: null,
    autoPrint: false,
  })
}

/**
 * Prints the print-only view of the ticket on the desk's paper. In Electron it goes silently to
 * the printer chosen at this desk; in browser mode to the browser's print dialog (or, with kiosk
 * printing, straight to its default printer).
 */
export function printTicket(paper: TicketPaper): void {
  useTicket.setState((s) => ({ autoPrint: false, printed: s.printed + 1 }))
  void printPage(paper)
}
