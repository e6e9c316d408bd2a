import type { AffectedBooking } from '../../../shared/contract'

/** Excel reads a CSV as UTF-8 (Chinese names intact) only when it starts with this mark. */
export const BOM = '\uFEFF'

const cell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v)
  // Quoted when it holds a separator, a quote or a line break; a leading = + - @ is kept as text
  // so that a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * The patients to phone as CSV (UTF-8 with BOM, CRLF lines): one header row in the screen's
 * language, one row per booking.
 *
 * @example toCsv(rows, ['Date', …], (b) => t(`leaveManage.outcomes.${b.outcome}`), moved)
 */
export function toCsv(
  bookings: readonly AffectedBooking[],
  header: readonly string[],
  outcome: (b: AffectedBooking) => string,
): string {
  const lines = [header.map(cell).join(',')]
  for (const b of bookings)
    lines.push(
      [b.date, `${b.startTime}-${b.endTime}`, b.queueNo, b.patientName, b.patientPhone, outcome(b)]
        .map(cell)
        .join(','),
    )
  return BOM + lines.join('\r\n') + '\r\n'
}

/** Hands a CSV to the browser as a download. */
export function downloadCsv(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
