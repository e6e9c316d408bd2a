import type { CsvValue } from '../../../shared/csv'
import { APPOINTMENT_COLUMNS, type ExportLanguage } from '../../../shared/export-columns'
import { maskIdNumber } from '../../../shared/mask'
import type { ReportReader } from '../../db/report-reader'
import {
  appointmentPages,
  countAppointments,
  ID_NUMBER_AT,
  type AppointmentExportRow,
  type AppointmentRange,
} from './appointment-pages'
import { sinkFor, type ExportFormat } from './sinks'

export interface ExportTarget {
  readonly format: ExportFormat
  /** The file to write; removed again if the export is canceled or fails. */
  readonly file: string
  readonly language: ExportLanguage
  /** Called after every page: rows written so far, of how many. */
  readonly onProgress?: (done: number, total: number) => void
  /** Aborting stops at the next page and removes the file. */
  readonly signal?: AbortSignal
  /** Rows per page read (tests use small pages to cross page boundaries). */
  readonly pageRows?: number
}

export class ExportCanceled extends Error {
  constructor() {
    super('the export was canceled')
  }
}

/** An appointment as a record: the ID number masked unless the (admin, audited) caller asked. */
export function appointmentCells(r: AppointmentExportRow, unmasked: boolean): CsvValue[] {
  const cells: CsvValue[] = r.slice(1)
  if (!unmasked) cells[ID_NUMBER_AT - 1] = maskIdNumber(r[ID_NUMBER_AT] as string | null)
  return cells
}

/**
 * Streams a range's appointments (live and archived) into the file, a page at a time from the
 * report reader: memory holds one page, whatever the range.
 */
export async function exportAppointments(
  reader: ReportReader,
  range: AppointmentRange & { readonly unmasked: boolean },
  target: ExportTarget,
): Promise<{ rows: number }> {
  const total = await countAppointments(reader, range)
  const sink = await sinkFor(target.format, target.file, APPOINTMENT_COLUMNS[target.language])
  let done = 0
  try {
    target.onProgress?.(0, total)
    for await (const page of appointmentPages(reader, range, target.pageRows)) {
      if (target.signal?.aborted) throw new ExportCanceled()
      await sink.rows(page.map((r) => appointmentCells(r, range.unmasked)))
      done += page.length
      // A booking made during the export may add rows after the count: the bar never passes 100%.
      target.onProgress?.(done, Math.max(total, done))
    }
    if (target.signal?.aborted) throw new ExportCanceled()
    await sink.finish()
    return { rows: done }
  } catch (error) {
    await sink.abort()
    throw error
  }
}

/**
 * A finished table (a report's, at most a year's rows) written in one go through the same sinks,
 * progress and cancel as the appointment list: no paging needed.
 */
export async function exportRecords(
  header: readonly string[],
  sheet: string,
  records: readonly (readonly CsvValue[])[],
  target: ExportTarget,
): Promise<{ rows: number }> {
  const sink = await sinkFor(target.format, target.file, header, sheet)
  try {
    target.onProgress?.(0, records.length)
    await sink.rows(records)
    if (target.signal?.aborted) throw new ExportCanceled()
    await sink.finish()
    target.onProgress?.(records.length, records.length)
    return { rows: records.length }
  } catch (error) {
    await sink.abort()
    throw error
  }
}
