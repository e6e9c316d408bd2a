/**
 * CSV as Excel reads it (RFC 4180). The file starts with a UTF-8 byte-order mark: without it Excel
 * on a Chinese Windows decodes the file as GBK and every name turns to mojibake.
 */
export const CSV_BOM = '\uFEFF'

/** RFC 4180: lines end in CRLF, also the last. */
export const CSV_EOL = '\r\n'

export type CsvValue = string | number | null | undefined

/**
 * A cell Excel or LibreOffice would run as a formula (=, +, -, @, and tab/CR which some versions
 * strip before looking) gets a leading apostrophe: a patient named "=HYPERLINK(...)" must stay text
 * in the manager's spreadsheet (OWASP "CSV injection"). Numbers are ours, not typed text, and keep
 * their sign.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/** One cell: guarded, then quoted when it holds a quote, comma or line break (quotes doubled). */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One record, with its line end. */
export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',') + CSV_EOL
}
