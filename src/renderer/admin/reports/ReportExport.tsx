import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportInput } from '../../../shared/contract/reports'
import type { RevenueGrouping } from '../../../shared/contract/revenue'
import { REPORT_TABLES, type ReportTable } from '../../../shared/export-input'
import { ExportRun, type StartExport } from '../../components/ExportRun'
import { startAppointmentExport, startReportExport } from '../../stores/exports'

type What = 'appointments' | ReportTable
const WHATS: readonly What[] = ['appointments', ...REPORT_TABLES]

/**
 * 导出: the appointment list of the page's range (and doctor), or one of the report's tables as
 * shown (same range, grouping and filters), as CSV or Excel. ID numbers are masked unless the
 * admin ticks 导出完整身份证号 for the appointment list: the sentence beside it says the export is
 * recorded in the audit log (the host writes that row before the file exists), and the tick is
 * undone after each export, so the next one is masked again.
 */
export function ReportExport(props: {
  report: ReportInput | null
  doctorId: string
  /** The 收入 section's grouping, for the revenue table. */
  revenueBy: RevenueGrouping
}) {
  const { t, i18n } = useTranslation()
  const [what, setWhat] = useState<What>('appointments')
  const [unmasked, setUnmasked] = useState(false)
  const [busy, setBusy] = useState(false)
  const noteId = useId()
  const report = props.report
  const full = what === 'appointments' && unmasked

  const start: StartExport | null = report
    ? (format) => {
        const language = i18n.language === 'en' ? 'en' : 'zh-CN'
        return what === 'appointments'
          ? startAppointmentExport({
              from: report.from,
              to: report.to,
              format,
              language,
              unmasked: full,
              ...(props.doctorId ? { doctorId: Number(props.doctorId) } : {}),
            })
          : startReportExport({ report, table: what, format, language, revenueBy: props.revenueBy })
      }
    : null

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
      {what === 'appointments' ? (
        <label className="export-unmask">
          <input
            type="checkbox"
            name="exportUnmasked"
            checked={unmasked}
            disabled={busy}
            onChange={(e) => setUnmasked(e.target.checked)}
            aria-describedby={full ? noteId : undefined}
            data-testid="export-unmasked"
          />
          {t('reports.exportUnmasked')}
        </label>
      ) : null}
      <ExportRun start={start} onBusy={setBusy} onSettled={() => setUnmasked(false)} />
      {full ? (
        <span
          id={noteId}
          className="export-unmask-note"
          role="note"
          data-testid="export-unmasked-note"
        >
          {t('reports.exportUnmaskedNote')}
        </span>
      ) : null}
    </span>
  )
}
