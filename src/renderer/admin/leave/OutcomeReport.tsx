import { useTranslation } from 'react-i18next'
import { errorSentence } from '../../i18n'
import { useDirectory } from '../../stores/directory'
import type { Outcome } from './bulk-actions'

/** What a bulk action did, patient by patient: the ones not done are listed first, with why. */
export function OutcomeReport({
  kind,
  outcomes,
}: {
  kind: 'move' | 'cancel'
  outcomes: readonly Outcome[]
}) {
  const { t } = useTranslation()
  const doctors = useDirectory((s) => s.doctors)
  const failed = outcomes.filter((o) => o.failure !== null)
  const done = outcomes.filter((o) => o.failure === null)
  return (
    <div
      className={`report ${failed.length ? 'report-warn' : 'report-ok'}`}
      role="status"
      data-testid="bulk-report"
    >
      <p>
        <strong>
          {t(kind === 'move' ? 'admin.leave.movedCount' : 'admin.leave.canceledCount', {
            count: done.length,
          })}
        </strong>
        {failed.length ? ` · ${t('admin.leave.notDoneCount', { count: failed.length })}` : null}
      </p>
      <ul className="plain">
        {failed.map((o) => (
          <li key={o.appointment.id} data-testid="not-moved">
            <strong>{o.appointment.patientName}</strong> {o.appointment.patientPhone ?? ''} —{' '}
            <span className="error">
              {o.failure === 'noPlace'
                ? t('admin.leave.noPlace')
                : o.failure
                  ? errorSentence(o.failure)
                  : ''}
            </span>
          </li>
        ))}
        {done.map((o) => (
          <li key={o.appointment.id} data-testid={kind === 'move' ? 'moved' : 'canceled'}>
            <strong>{o.appointment.patientName}</strong>{' '}
            {o.moved
              ? t('admin.leave.movedTo', {
                  doctor: doctors.find((d) => d.id === o.moved?.doctorId)?.name ?? '',
                  start: o.moved.startTime,
                  end: o.moved.endTime,
                  queueNo: o.moved.queueNo,
                })
              : t('admin.leave.canceled')}
          </li>
        ))}
      </ul>
    </div>
  )
}
