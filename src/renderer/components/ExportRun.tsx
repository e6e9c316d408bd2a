import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ExportJob } from '../../shared/contract/exports'
import type { AppErrorShape, ErrorCode, Result } from '../../shared/errors'
import { errorSentence } from '../i18n'
import './export-run.css'
import { cancelExport, fetchExport, saveExport, watchExport } from '../stores/exports'

export type ExportFormat = 'csv' | 'xlsx'
/** Starts a job on the host (exports.startAppointments / exports.startReport) in this format. */
export type StartExport = (format: ExportFormat) => Promise<Result<ExportJob>>

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; job: ExportJob }
  | { kind: 'fetching'; job: ExportJob; got: number }
  | { kind: 'saved'; fileName: string; path: string | null }
  | { kind: 'dismissed' }
  | { kind: 'canceled' }

const percent = (done: number, total: number): number =>
  total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0

/**
 * 导出 CSV / 导出 Excel for one export: the host writes the file as a job, the bar shows its rows,
 * 取消 stops it (the host removes the partial file), and the finished file is fetched in pieces
 * and saved (the save dialog in the app, the browser's download in browser mode). `onBusy` tells
 * the screen to hold its own choices while a job runs; `onSettled` after every attempt.
 */
export function ExportRun(props: {
  start: StartExport | null
  onBusy?: (busy: boolean) => void
  onSettled?: () => void
}) {
  const { t } = useTranslation()
  const [phase, setPhaseState] = useState<Phase>({ kind: 'idle' })
  const [error, setError] = useState<AppErrorShape | null>(null)
  const jobRef = useRef<string | null>(null)

  const setPhase = (next: Phase) => {
    setPhaseState(next)
    props.onBusy?.(next.kind === 'running' || next.kind === 'fetching')
  }
  const fail = (e: AppErrorShape) => {
    setPhase({ kind: 'idle' })
    setError(e)
  }

  const run = async (format: ExportFormat) => {
    if (!props.start) return
    setError(null)
    try {
      await runJob(props.start, format)
    } finally {
      props.onSettled?.()
    }
  }

  const runJob = async (start: StartExport, format: ExportFormat) => {
    const started = await start(format)
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
    const saved = await saveExport(file.value, job.fileName)
    if (saved.kind === 'failed') return fail({ code: 'INTERNAL', message: '' })
    if (saved.kind === 'dismissed') return setPhase({ kind: 'dismissed' })
    setPhase({
      kind: 'saved',
      fileName: job.fileName,
      path: saved.kind === 'saved' ? saved.path : null,
    })
  }

  const cancel = () => {
    const jobId = jobRef.current
    // The watcher sees the job canceled at its next look and says so.
    if (jobId) void cancelExport({ jobId }).then((r) => (r.ok ? undefined : setError(r.error)))
  }

  const busy = phase.kind === 'running' || phase.kind === 'fetching'
  const note =
    phase.kind === 'saved'
      ? phase.path === null
        ? t('reports.exportSaved', { name: phase.fileName })
        : t('reports.exportSavedTo', { path: phase.path })
      : phase.kind === 'canceled'
        ? t('reports.exportCanceled')
        : phase.kind === 'dismissed'
          ? t('reports.exportDismissed')
          : null
  return (
    <>
      {busy ? (
        <ExportProgress phase={phase} onCancel={cancel} />
      ) : (
        <>
          <button
            type="button"
            disabled={!props.start}
            onClick={() => void run('csv')}
            data-testid="export-csv"
          >
            {t('reports.exportCsv')}
          </button>
          <button
            type="button"
            disabled={!props.start}
            onClick={() => void run('xlsx')}
            data-testid="export-xlsx"
          >
            {t('reports.exportXlsx')}
          </button>
        </>
      )}
      {note ? (
        <span className="export-note" title={note} data-testid="export-note">
          {note}
        </span>
      ) : null}
      {error ? (
        <span className="export-error" role="alert" data-testid="export-error">
          {errorSentence(error)}
        </span>
      ) : null}
    </>
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
