import { z } from 'zod'

/** The ticket papers a clinic uses: two receipt-printer widths and office paper. */
export const TICKET_PAPERS = ['58mm', '80mm', 'A4'] as const
export type TicketPaper = (typeof TICKET_PAPERS)[number]

/**
 * Each paper in millimetres. Receipt printers take a fixed width; the length is what the ticket
 * needs plus a tear-off margin. `css` is the `@page` size, `margin` the page's margin.
 */
export const PAPER: Record<
  TicketPaper,
  {
    readonly widthMm: number
    readonly heightMm: number
    readonly css: string
    readonly marginMm: number
  }
> = {
  '58mm': { widthMm: 58, heightMm: 110, css: '58mm 110mm', marginMm: 3 },
  '80mm': { widthMm: 80, heightMm: 120, css: '80mm 120mm', marginMm: 3 },
  A4: { widthMm: 210, heightMm: 297, css: 'A4', marginMm: 15 },
}

/** The `@page` rule of a paper: its size, and a margin that no printer crops. */
export const pageRule = (paper: TicketPaper): string =>
  `@page { size: ${PAPER[paper].css}; margin: ${PAPER[paper].marginMm}mm; }`

/** A printer this computer can print to (from Electron's getPrintersAsync). */
export interface PrinterChoice {
  readonly name: string
  readonly displayName: string
}

/** A ticket to print silently: the printer (null: the system's default) and the paper. */
export const PrintJob = z.strictObject({
  deviceName: z.string().min(1).max(300).nullable(),
  paper: z.enum(TICKET_PAPERS),
})
export type PrintJob = z.infer<typeof PrintJob>

export type PrintOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string }

/**
 * Printing in the Electron app, exposed by the preload as window.clinicPrinter. It carries no
 * clinic data: the main process prints the window's own page, as it is laid out for print.
 */
export interface ClinicPrinter {
  printers(): Promise<readonly PrinterChoice[]>
  print(job: PrintJob): Promise<PrintOutcome>
}

/** IPC channel names shared by the preload and the main process (outside the contract: no data, no role). */
export const IPC_PRINTERS = 'clinic:printers'
export const IPC_PRINT = 'clinic:print'
