import { useTranslation } from 'react-i18next'
import { ClampedText } from '../components/ClampedText'
import { isReadOnly, useDoctorQueue } from './stores/queue'
import { SexAge, StatusTag, band } from './PatientFacts'
import { QueueActions } from './QueueActions'

/** The patient called or in the room, large, with the actions beside; else who is next. */
export function CurrentPatientCard() {
  const { t } = useTranslation()
  const queue = useDoctorQueue((s) => s.queue)
  const readOnly = useDoctorQueue(isReadOnly)
  if (readOnly) return null
  const current = queue?.current ?? null
  const next = queue?.entries.find((e) => e.position === 1) ?? null
  return (
    <section
      className={`current-card${current ? ` current-${current.status}` : ''}`}
      data-testid="current-card"
      aria-label={t('doctor.current.label')}
    >
      <div className="current-who">
        <div className="current-label">{t('doctor.current.label')}</div>
        {current ? (
          <div
            className="current-patient"
            data-testid="current-patient"
            data-appointment-id={current.id}
          >
            <span className="current-no">{t('doctor.queueNo', { no: current.queueNo })}</span>
            <ClampedText className="current-name" text={current.patientName} />
            <span className="current-facts">
              <SexAge entry={current} /> · {band(current)} <StatusTag entry={current} />
            </span>
            <p className="current-complaint">
              <span className="muted">{t('doctor.complaintLabel')}</span>
              {current.chiefComplaint ? (
                <ClampedText text={current.chiefComplaint} lines={3} testId="current-complaint" />
              ) : (
                t('doctor.noComplaint')
              )}
            </p>
          </div>
        ) : (
          <div className="current-patient current-empty" data-testid="current-patient">
            <span className="current-name">{t('doctor.current.none')}</span>
            <p className="current-complaint">
              {next
                ? t('doctor.current.nextUp', { no: next.queueNo, name: next.patientName })
                : t('doctor.current.nobodyWaiting')}
            </p>
          </div>
        )}
      </div>
      <QueueActions />
    </section>
  )
}
