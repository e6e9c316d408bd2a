import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { rm } from 'node:fs/promises'
import type ExcelJS from 'exceljs'
import { CSV_BOM, csvLine, type CsvValue } from '../../../shared/csv'

export type ExportFormat = 'csv' | 'xlsx'

/** Where an export's rows go: a file written as they come, never held whole. */
export interface ExportSink {
  /** Appends rows; resolves when the file can take more (backpressure). */
  rows(rows: readonly (readonly CsvValue[])[]): Promise<void>
  /** Completes the file. */
  finish(): Promise<void>
  /** Stops and removes the file: a canceled export leaves nothing behind. */
  abort(): Promise<void>
}

const ended = async (stream: WriteStream): Promise<void> => {
  if (stream.closed) return
  stream.end()
  await once(stream, 'close')
}

function csvSink(file: string, header: readonly string[]): ExportSink {
  const out = createWriteStream(file, { encoding: 'utf8' })
  // A stream's 'error' with no listener is an uncaught exception: the host would go down. It
  // comes when the file cannot be written (its folder is gone, the disk is full), and when abort()
  // destroys the stream while a write is still in flight (a page read failed early). The export
  // fails with the first error instead; after abort() there is nothing left to tell.
  let failed: Error | undefined
  out.on('error', (error) => void (failed ??= error))
  out.write(CSV_BOM + csvLine(header))
  return {
    async rows(rows) {
      if (failed) throw failed
      // One string per page: a million write() calls cost more than the formatting.
      let chunk = ''
      for (const r of rows) chunk += csvLine(r)
      if (!out.write(chunk)) await once(out, 'drain')
    },
    async finish() {
      await ended(out)
      if (failed) throw failed
    },
    async abort() {
      out.destroy()
      await rm(file, { force: true })
    },
  }
}

/**
 * exceljs's streaming writer: each committed row is serialised into the zip stream at once, so
 * memory stays flat. Strings are written as strings (inline, no shared-string table to keep in
 * memory), never as formulas, so XLSX needs no formula guard.
 * The file stream is ours, not exceljs's (`filename`): exceljs listens for its errors only once it
 * finalizes, so a file that cannot be written was an uncaught error, its commit waited for a
 * 'finish' that never came, and an abort after a failed commit finalized the zip twice.
 */
function xlsxSink(
  excel: typeof ExcelJS,
  file: string,
  header: readonly string[],
  sheet: string,
): ExportSink {
  const out = createWriteStream(file)
  let failed: Error | undefined
  const broken = new Promise<never>((_, reject) =>
    out.on('error', (error) => reject((failed ??= error))),
  )
  broken.catch(() => {}) // heard through the race below; after abort() nothing is left to tell
  const book = new excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  })
  const ws = book.addWorksheet(sheet)
  ws.addRow([...header]).commit()
  let pending = 0
  let committed: Promise<void> | undefined
  // Once: the zip can be finalized only once, whether by finish() or by abort().
  const commit = (): Promise<void> =>
    (committed ??= (async () => {
      ws.commit()
      await Promise.race([book.commit(), broken])
    })())
  return {
    async rows(rows) {
      if (failed) throw failed
      for (const r of rows) ws.addRow(r.map((v) => v ?? null)).commit()
      // The zip stream buffers what the file has not taken yet; yield so it drains.
      pending += rows.length
      if (pending >= 5000) {
        pending = 0
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
    },
    finish: commit,
    async abort() {
      // The writer has no abort: finishing it closes the file cleanly before it is removed
      // (unless the file already failed: then there is nothing to close cleanly).
      try {
        if (!failed) await commit().catch(() => undefined)
      } finally {
        out.destroy()
        await rm(file, { force: true })
      }
    },
  }
}

/**
 * exceljs is loaded on the first XLSX export, not at the host's start: imported statically it
 * took 0.2–2 s of the start before the first answer (bench:startup), for something a clinic
 * does a few times a month.
 */
const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default

export async function sinkFor(
  format: ExportFormat,
  file: string,
  header: readonly string[],
  sheet = 'Export',
): Promise<ExportSink> {
  if (format === 'csv') return csvSink(file, header)
  return xlsxSink(await loadExcel(), file, header, sheet)
}
