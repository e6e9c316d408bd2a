import { useTranslation } from 'react-i18next'
import { ExportRun, type StartExport } from '../components/ExportRun'
import { startDoctorReportExport } from '../stores/exports'
import { useDoctorQueue } from './stores/queue'

/**
 * 导出本月: the doctor's own month so far, day by day (the summary table of reports.summary
 * narrowed to them), as CSV or Excel. The host holds the call to this doctor's own figures; the
 * table has no patient in it, so there is nothing to mask.
 */
export function OwnFiguresExport() {
  const { t, i18n } = useTranslation()
  const doctorId = useDoctorQueue((s) => s.doctorId)
  const date = useDoctorQueue((s) => s.date)
  const start: StartExport | null =
    doctorId !== null && date !== null
      ? (format) =>
          startDoctorReportExport({
            doctorId,
            from: `${date.slice(0, 8)}01`,
            to: date,
            period: 'day',
            table: 'summary',
            format,
            language: i18n.language === 'en' ? 'en' : 'zh-CN',
          })
      : null
  return (
    <span className="own-export" data-testid="own-export">
      <span className="own-export-label">{t('doctor.own.export')}</span>
      <ExportRun start={start} />
    </span>
  )
}
