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
  out.write(CSV_BOM + csvLine(header))
  return {
    async rows(rows) {
      // One string per page: a million write() calls cost more than the formatting.
      let chunk = ''
      for (const r of rows) chunk += csvLine(r)
      if (!out.write(chunk)) await once(out, 'drain')
    },
    finish: () => ended(out),
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
 */
function xlsxSink(
  excel: typeof ExcelJS,
  file: string,
  header: readonly string[],
  sheet: string,
): ExportSink {
  const book = new excel.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: false,
    useSharedStrings: false,
  })
  const ws = book.addWorksheet(sheet)
  ws.addRow([...header]).commit()
  let pending = 0
  return {
    async rows(rows) {
      for (const r of rows) ws.addRow(r.map((v) => v ?? null)).commit()
      // The zip stream buffers what the file has not taken yet; yield so it drains.
      pending += rows.length
      if (pending >= 5000) {
        pending = 0
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
    },
    async finish() {
      ws.commit()
      await book.commit()
    },
    async abort() {
      // The writer has no abort: finishing it closes the file cleanly before it is removed.
      try {
        ws.commit()
        await book.commit()
      } finally {
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
