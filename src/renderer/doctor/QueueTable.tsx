import { useTranslation } from 'react-i18next'
import type { QueueEntry } from '../../shared/contract'
import { runAction, useDoctorActions } from '../stores/doctor-actions'
import { isReadOnly, useDoctorQueue } from '../stores/doctor-queue'
import { SexAge, StatusTag, band } from './PatientFacts'

/** Never arrived yet: the only rows a doctor marks by hand (no-show) rather than through the call order. */
const NOT_ARRIVED = new Set<QueueEntry['status']>(['PENDING', 'CONFIRMED'])

/** The seed's panel (时间点 | 患者姓名 | 性别 | 症状描述 | 操作), in call order, with where each patient stands. */
export function QueueTable() {
  const { t } = useTranslation()
  const queue = useDoctorQueue((s) => s.queue)
  const readOnly = useDoctorQueue(isReadOnly)
  const busy = useDoctorActions((s) => s.busy)
  if (!queue) return <p className="empty">{t('doctor.loading')}</p>
  if (queue.entries.length === 0) return <p className="empty" data-testid="queue-empty">{readOnly ? t('doctor.emptyDay') : t('doctor.emptyToday')}</p>
  return (
    <table className="queue-table" data-testid="queue-table">
      <thead>
        <tr>
          <th className="col-no">{t('doctor.columns.no')}</th>
          <th className="col-band">{t('doctor.columns.band')}</th>
          <th>{t('doctor.columns.name')}</th>
          <th className="col-sex">{t('doctor.columns.sexAge')}</th>
          <th>{t('doctor.columns.complaint')}</th>
          <th className="col-status">{t('doctor.columns.status')}</th>
          <th className="col-wait">{t('doctor.columns.waiting')}</th>
          <th className="col-act">{t('doctor.columns.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {queue.entries.map((entry) => (
          <tr
            key={entry.id}
            data-testid="queue-row"
            data-appointment-id={entry.id}
            data-status={entry.status}
            className={`row-${entry.status}${entry.id === queue.current?.id ? ' row-current' : ''}`}
          >
            <td className="col-no">{entry.queueNo}</td>
            <td className="col-band">{band(entry)}</td>
            <td className="col-name">{entry.patientName}</td>
            <td className="col-sex">
              <SexAge entry={entry} />
            </td>
            <td className="col-complaint">{entry.chiefComplaint || <span className="muted">{t('doctor.noComplaint')}</span>}</td>
            <td className="col-status">
              <StatusTag status={entry.status} />
              {entry.position !== null ? <span className="position">{t('doctor.position', { count: entry.position })}</span> : null}
            </td>
            <td className="col-wait">{entry.waitingMinutes === null ? '' : t('doctor.minutes', { count: entry.waitingMinutes })}</td>
            <td className="col-act">
              {!readOnly && NOT_ARRIVED.has(entry.status) ? (
                <button type="button" className="small" disabled={busy !== null} onClick={() => void runAction('noShow', entry.id)}>
                  {t('doctor.actions.noShow')}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
