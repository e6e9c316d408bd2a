import { create } from 'zustand'
import {
  TICKET_PAPERS,
  type ClinicPrinter,
  type PrinterChoice,
  type PrintOutcome,
  type TicketPaper,
} from '../../../shared/printing'

declare global {
  interface Window {
    /** Present in Electron: silent printing, exposed by the preload. */
    readonly clinicPrinter?: ClinicPrinter
  }
}

const STORAGE_KEY = 'clinicdesk.printer'

/** This computer's ticket printer and paper; null follows the clinic's setting / the system's default printer. */
export interface PrinterPrefs {
  readonly deviceName: string | null
  readonly paper: TicketPaper | null
}

/** Reads the stored choice; anything unreadable falls back to the clinic's defaults. */
export function parsePrinterPrefs(stored: string | null): PrinterPrefs {
  const none: PrinterPrefs = { deviceName: null, paper: null }
  if (stored === null) return none
  try {
    const value = JSON.parse(stored) as Partial<Record<keyof PrinterPrefs, unknown>>
    return {
      deviceName:
        typeof value.deviceName === 'string' && value.deviceName !== '' ? value.deviceName : null,
      paper: (TICKET_PAPERS as readonly unknown[]).includes(value.paper)
        ? (value.paper as TicketPaper)
        : null,
    }
  } catch {
    return none
  }
}

export interface PrinterState extends PrinterPrefs {
  /** The printers of this computer (Electron only; empty in a browser, which prints through its own dialog or kiosk printing). */
  readonly printers: readonly PrinterChoice[]
  readonly silent: boolean
  readonly lastFailure: string | null
}

/** The ticket printer of this desk, kept in this computer's localStorage (each desk has its own printer). */
export const usePrinter = create<PrinterState>(() => ({
  ...parsePrinterPrefs(localStorage.getItem(STORAGE_KEY)),
  printers: [],
  silent: window.clinicPrinter !== undefined,
  lastFailure: null,
}))

export function setPrinterPrefs(change: Partial<PrinterPrefs>): void {
  usePrinter.setState(change)
  const { deviceName, paper } = usePrinter.getState()
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ deviceName, paper }))
}

/** Asks Electron for this computer's printers (nothing to ask in a browser). */
export async function loadPrinters(): Promise<void> {
  const printer = window.clinicPrinter
  if (!printer) return
  usePrinter.setState({ printers: await printer.printers() })
}

/**
 * Prints the page's print view (the ticket alone, on its paper). In the app, silently to this
 * desk's printer; in a browser through window.print(), which a kiosk-printing browser sends
 * straight to its default printer (README: kiosk flags).
 */
export async function printPage(paper: TicketPaper): Promise<PrintOutcome> {
  const printer = window.clinicPrinter
  if (!printer) {
    window.print()
    return { ok: true }
  }
  const outcome = await printer.print({ deviceName: usePrinter.getState().deviceName, paper })
  usePrinter.setState({ lastFailure: outcome.ok ? null : outcome.reason })
  return outcome
}
