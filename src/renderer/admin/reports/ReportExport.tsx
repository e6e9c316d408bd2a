import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppErrorShape } from '../../../shared/errors'
import { FormError } from '../common/FieldError'
import { exportAppointments } from '../stores/exports'

const MIME = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/** Hands the host's file (base64 in the result) to the browser as a download. */
function download(base64: string, fileName: string, format: keyof typeof MIME): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: MIME[format] }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/**
 * 导出 CSV / 导出 Excel: the page's range (and doctor filter) as an appointment list, ID numbers
 * masked (a full export is audited and stays a deliberate host-side call, not a button here).
 */
export function ReportExport(props: { from: string; to: string; doctorId: string }) {
  const { t, i18n } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [note, setNote] = useState('')

  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true)
    setNote('')
    const r = await exportAppointments({
      from: props.from,
      to: props.to,
      format,
      language: i18n.language === 'en' ? 'en' : 'zh-CN',
      ...(props.doctorId ? { doctorId: Number(props.doctorId) } : {}),
    })
    setBusy(false)
    setError(r.ok ? null : r.error)
    if (!r.ok) return
    if (r.value.contentBase64 === null)
      setNote(t('reports.exportOnHost', { name: r.value.fileName }))
    else download(r.value.contentBase64, r.value.fileName, format)
  }

  const off = busy || !props.from || !props.to
  return (
    <span className="report-export-slot" data-testid="report-export-slot">
      <button type="button" disabled={off} onClick={() => void run('csv')} data-testid="export-csv">
        {t('reports.exportCsv')}
      </button>
      <button
        type="button"
        disabled={off}
        onClick={() => void run('xlsx')}
        data-testid="export-xlsx"
      >
        {t('reports.exportXlsx')}
      </button>
      {note ? <span data-testid="export-note">{note}</span> : null}
      <FormError error={error} fields={[]} />
    </span>
  )
}
