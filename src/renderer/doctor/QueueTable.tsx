import { useTranslation } from 'react-i18next'
import { useDoctorActions } from './stores/actions'
import { isReadOnly, useDoctorQueue } from './stores/queue'
import { QueueRow } from './QueueRow'
import { paidBadge, useDoctorPaid } from './stores/paid'

/** The seed's panel (时间点 | 患者姓名 | 性别 | 症状描述 | 操作), in call order, with where each patient stands. */
export function QueueTable() {
  const { t } = useTranslation()
  const queue = useDoctorQueue((s) => s.queue)
  const readOnly = useDoctorQueue(isReadOnly)
  const busy = useDoctorActions((s) => s.busy)
  const paid = useDoctorPaid()
  if (!queue) return <p className="empty">{t('doctor.loading')}</p>
  if (queue.entries.length === 0)
    return (
      <p className="empty" data-testid="queue-empty">
        {readOnly ? t('doctor.emptyDay') : t('doctor.emptyToday')}
      </p>
    )
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
          <QueueRow
            key={entry.id}
            entry={entry}
            current={entry.id === queue.current?.id}
            actionable={!readOnly}
            busy={busy !== null}
            paid={paidBadge(paid, entry)}
          />
        ))}
      </tbody>
    </table>
  )
}
