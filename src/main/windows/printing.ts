import {
  IPC_PRINT,
  IPC_PRINTERS,
  PAPER,
  PrintJob,
  type PrintOutcome,
  type PrinterChoice,
} from '../../shared/printing'
import type { FrameLike } from '../ipc/ipc-adapter'

/** The parts of a window's webContents that printing uses (no `electron` import: tests run without it). */
export interface PrintingContents {
  getPrintersAsync(): Promise<readonly { name: string; displayName: string }[]>
  print(
    options: ReturnType<typeof silentPrintOptions>,
    callback?: (success: boolean, failureReason: string) => void,
  ): void
}
export interface PrintingEvent {
  readonly sender: PrintingContents
  readonly senderFrame: FrameLike | null
}
export interface PrintingIpcMain {
  handle(channel: string, listener: (event: PrintingEvent, ...args: unknown[]) => unknown): void
}

/**
 * webContents.print's options for a ticket: silent, to the chosen printer (the system's default
 * when none is chosen), on the paper's size in microns, with the page's own (CSS) margins.
 *
 * @example silentPrintOptions({ deviceName: 'XP-80C', paper: '80mm' }).pageSize // { width: 80000, height: 120000 }
 */
export function silentPrintOptions(job: PrintJob) {
  const paper = PAPER[job.paper]
  return {
    silent: true,
    printBackground: true,
    ...(job.deviceName ? { deviceName: job.deviceName } : {}),
    pageSize: { width: paper.widthMm * 1000, height: paper.heightMm * 1000 },
    margins: { marginType: 'none' as const },
  }
}

/** Only the reception page of our own build may print or list printers, from its top frame. */
export function mayPrint(frame: FrameLike | null, isTrustedUrl: (url: string) => boolean): boolean {
  if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) return false
  return new URL(frame.url).pathname.endsWith('/reception.html')
}

/** Answers the preload's printers() and print(job) for the windows of this app. */
export function registerPrinting(
  ipcMain: PrintingIpcMain,
  isTrustedUrl: (url: string) => boolean,
): void {
  ipcMain.handle(IPC_PRINTERS, async (event): Promise<readonly PrinterChoice[]> => {
    if (!mayPrint(event.senderFrame, isTrustedUrl)) return []
    const printers = await event.sender.getPrintersAsync()
    return printers.map((p) => ({
      name: p.name,
      displayName: p.displayName,
    }))
  })
  ipcMain.handle(IPC_PRINT, (event, job): Promise<PrintOutcome> | PrintOutcome => {
    if (!mayPrint(event.senderFrame, isTrustedUrl)) return { ok: false, reason: 'forbidden' }
    const parsed = PrintJob.safeParse(job)
    if (!parsed.success) return { ok: false, reason: 'invalid print job' }
    return new Promise((resolve) =>
      event.sender.print(silentPrintOptions(parsed.data), (success, failureReason) =>
        resolve(success ? { ok: true } : { ok: false, reason: failureReason || 'failed' }),
      ),
    )
  })
}
