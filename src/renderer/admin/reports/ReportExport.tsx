import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ExportJob } from '../../../shared/contract/exports'
import type { ReportInput } from '../../../shared/contract/reports'
import type { RevenueGrouping } from '../../../shared/contract/revenue'
import type { AppErrorShape, ErrorCode } from '../../../shared/errors'
import { REPORT_TABLES, type ReportTable } from '../../../shared/export-input'
import { FormError } from '../common/FieldError'
import {
  cancelExport,
  fetchExport,
  saveBlob,
  startAppointmentExport,
  startReportExport,
  watchExport,
} from '../stores/exports'

type What = 'appointments' | ReportTable
const WHATS: readonly What[] = ['appointments', ...REPORT_TABLES]

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; job: ExportJob }
  | { kind: 'fetching'; job: ExportJob; got: number }
  | { kind: 'saved'; fileName: string }
  | { kind: 'canceled' }

const percent = (done: number, total: number): number =>
  total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0

/**
 * 导出: the appointment list of the page's range (and doctor), or one of the report's tables as
 * shown (same range, grouping and filters), as CSV or Excel. The host writes the file as a job;
 * the bar shows its rows, 取消 stops it (the host removes the partial file), and the finished
 * file is fetched in pieces and saved. ID numbers are masked (a full export stays a deliberate,
 * audited host call, not a button here).
 */
export function ReportExport(props: {
  report: ReportInput | null
  doctorId: string
  /** The 收入 section's grouping, for the revenue table. */
  revenueBy: RevenueGrouping
}) {
  const { t, i18n } = useTranslation()
  const [what, setWhat] = useState<What>('appointments')
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const [error, setError] = useState<AppErrorShape | null>(null)
  const jobRef = useRef<string | null>(null)

  const run = async (format: 'csv' | 'xlsx') => {
    const report = props.report
    if (!report) return
    setError(null)
    const language = i18n.language === 'en' ? 'en' : 'zh-CN'
    const started =
      what === 'appointments'
        ? await startAppointmentExport({
            from: report.from,
            to: report.to,
            format,
            language,
            ...(props.doctorId ? { doctorId: Number(props.doctorId) } : {}),
          })
        : await startReportExport({
            report,
            table: what,
            format,
            language,
            revenueBy: props.revenueBy,
          })
    if (!started.ok) return setError(started.error)
    jobRef.current = started.value.jobId
    setPhase({ kind: 'running', job: started.value })
    const end = await watchExport(started.value.jobId, (job) => setPhase({ kind: 'running', job }))
    jobRef.current = null
    if (!end.ok) return fail(end.error)
    const job = end.value
    if (job.state === 'canceled') return setPhase({ kind: 'canceled' })
    // The sentence is the screen's own, in its language, from the code the job failed with.
    if (job.state !== 'done')
      return fail({ code: (job.error ?? 'INTERNAL') as ErrorCode, message: '' })
    setPhase({ kind: 'fetching', job, got: 0 })
    const file = await fetchExport(job, (got) => setPhase({ kind: 'fetching', job, got }))
    if (!file.ok) return fail(file.error)
    saveBlob(file.value, job.fileName)
    setPhase({ kind: 'saved', fileName: job.fileName })
  }

  const fail = (e: AppErrorShape) => {
    setPhase({ kind: 'idle' })
    setError(e)
  }

  const cancel = () => {
    const jobId = jobRef.current
    // The watcher sees the job canceled at its next look and says so.
    if (jobId) void cancelExport({ jobId }).then((r) => (r.ok ? undefined : setError(r.error)))
  }

  const busy = phase.kind === 'running' || phase.kind === 'fetching'
  const off = busy || !props.report
  return (
    <span className="report-export-slot" data-testid="report-export-slot">
      <select
        aria-label={t('reports.exportWhat')}
        name="exportWhat"
        value={what}
        disabled={busy}
        onChange={(e) => setWhat(e.target.value as What)}
        data-testid="export-what"
      >
        {WHATS.map((w) => (
          <option key={w} value={w}>
            {t(`reports.exportKinds.${w}`)}
          </option>
        ))}
      </select>
      {busy ? (
        <ExportProgress phase={phase} onCancel={cancel} />
      ) : (
        <>
          <button
            type="button"
            disabled={off}
            onClick={() => void run('csv')}
            data-testid="export-csv"
          >
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
        </>
      )}
      {phase.kind === 'saved' ? (
        <span className="export-note" data-testid="export-note">
          {t('reports.exportSaved', { name: phase.fileName })}
        </span>
      ) : null}
      {phase.kind === 'canceled' ? (
        <span className="export-note" data-testid="export-note">
          {t('reports.exportCanceled')}
        </span>
      ) : null}
      <FormError error={error} fields={[]} />
    </span>
  )
}

/** The bar, its figures, and 取消 while a job runs (rows) or its file comes over (bytes). */
function ExportProgress({ phase, onCancel }: { phase: Phase; onCancel: () => void }) {
  const { t, i18n } = useTranslation()
  const n = (v: number) => v.toLocaleString(i18n.language)
  if (phase.kind === 'running') {
    const { done, total } = phase.job
    return (
      <span className="export-progress" data-testid="export-progress">
        <progress max={Math.max(total, 1)} value={done} aria-label={t('reports.exporting')} />
        <span data-testid="export-progress-text">
          {t('reports.exportRows', {
            done: n(done),
            total: n(total),
            percent: percent(done, total),
          })}
        </span>
        <button type="button" onClick={onCancel} data-testid="export-cancel">
          {t('reports.exportCancel')}
        </button>
      </span>
    )
  }
  if (phase.kind !== 'fetching') return null
  return (
    <span className="export-progress" data-testid="export-progress">
      <progress max={Math.max(phase.job.bytes, 1)} value={phase.got} />
      <span data-testid="export-progress-text">
        {t('reports.exportFetching', { percent: percent(phase.got, phase.job.bytes) })}
      </span>
    </span>
  )
}
