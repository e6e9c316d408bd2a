import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { shownStatus, type CardAppointment, type PatientCard as Card } from '../../shared/contract'
import { Dialog } from '../components/Dialog'
import { errorSentence } from '../i18n'
import { useDirectory } from '../stores/directory'
import { NoShowHistory } from './NoShowHistory'
import { WaitlistPosition } from './WaitlistPosition'
import { ageLabel, sexLabel } from './patient-format'
import {
  closePatientCard,
  openPatientEdit,
  startPatientDeskFeed,
  usePatientDesk,
} from './stores/patient-desk'

const SECTIONS = ['upcoming', 'visits', 'canceled', 'noShows'] as const

/**
 * The patient card: details (ID number in full: the desk's own), then upcoming bookings, past
 * visits (archived ones too), cancellations and no-shows. Live: follows edits and bookings made
 * anywhere while it is open.
 */
export function PatientCard() {
  const { t } = useTranslation()
  const cardId = usePatientDesk((s) => s.cardId)
  const card = usePatientDesk((s) => s.card)
  const error = usePatientDesk((s) => s.cardError)
  const changedElsewhere = usePatientDesk((s) => s.cardChangedElsewhere)
  const mergedFrom = usePatientDesk((s) => s.cardMergedFrom)
  useEffect(startPatientDeskFeed, [])
  if (cardId === null) return null
  const p = card?.patient
  return (
    <Dialog
      title={t('patientDesk.cardTitle', { name: p?.name ?? '' })}
      onClose={closePatientCard}
      testId="rx-patient-card"
      wide
    >
      {!card ? (
        <p className={error ? 'error' : 'muted'}>
          {error ? errorSentence(error) : t('patientDesk.loading')}
        </p>
      ) : (
        <div className="rx-card-body" data-patient={card.patient.id}>
          {mergedFrom !== null ? (
            <p className="rx-banner" role="status" data-testid="rx-card-merged">
              {t('patientDesk.mergedInto', { retiredId: mergedFrom, keptId: card.patient.id })}
            </p>
          ) : null}
          {changedElsewhere ? (
            <p className="rx-banner" role="status" data-testid="rx-card-changed">
              {t('patientDesk.changedElsewhere')}
            </p>
          ) : null}
          <dl className="rx-card-facts" data-testid="rx-card-facts">
            <div>
              <dt>{t('reception.field.name')}</dt>
              <dd data-field="name">
                <strong>{card.patient.name}</strong> {sexLabel(t, card.patient.sex)}{' '}
                {ageLabel(t, card.patient.birthDate, card.today)}
              </dd>
            </div>
            <div>
              <dt>{t('reception.field.birthDate')}</dt>
              <dd className="rx-mono" data-field="birthDate">
                {card.patient.birthDate ?? '—'}
              </dd>
            </div>
            <div>
              <dt>{t('reception.field.phone')}</dt>
              <dd className="rx-mono" data-field="phone">
                {card.patient.phone ?? '—'}
              </dd>
            </div>
            <div>
              <dt>{t('reception.field.idNumber')}</dt>
              <dd className="rx-mono" data-field="idNumber">
                {card.patient.idNumber ?? '—'}
              </dd>
            </div>
            <div className="rx-card-note">
              <dt>{t('patientDesk.note')}</dt>
              <dd data-field="note" className={card.patient.note ? '' : 'muted'}>
                {card.patient.note || t('patientDesk.noNote')}
              </dd>
            </div>
          </dl>
          <p className="muted">
            {t('patientDesk.since', { date: card.patient.createdAt.slice(0, 10) })}
          </p>
          <div className="rx-card-sections">
            {SECTIONS.map((section) => (
              <CardSection key={section} card={card} section={section} />
            ))}
            <WaitlistPosition patientId={card.patient.id} />
            <NoShowHistory patientId={card.patient.id} />
          </div>
        </div>
      )}
      <div className="rx-actions">
        <button
          type="button"
          className="primary"
          disabled={!card}
          onClick={() => card && void openPatientEdit(card.patient.id)}
          data-testid="rx-card-edit"
        >
          {t('patientDesk.edit')}
        </button>
        <button type="button" onClick={closePatientCard} data-testid="rx-card-close">
          {t('patientDesk.close')} <span className="rx-key">Esc</span>
        </button>
      </div>
    </Dialog>
  )
}

function CardSection({ card, section }: { card: Card; section: (typeof SECTIONS)[number] }) {
  const { t } = useTranslation()
  const doctors = useDirectory((s) => s.doctors)
  const lines: readonly CardAppointment[] = card[section]
  const more = card.counts[section] - lines.length
  return (
    <section className="rx-card-section" data-section={section}>
      <h3>
        {t(`patientDesk.${section}`)} <span className="rx-count">{card.counts[section]}</span>
      </h3>
      {lines.length === 0 ? (
        <p className="muted">{t('patientDesk.none')}</p>
      ) : (
        <ul>
          {lines.map((a) => (
            <li key={a.id} data-appointment={a.id} data-status={a.status}>
              <span className="rx-mono">
                {a.date} {a.startTime}
              </span>
              <span>{doctors.find((d) => d.id === a.doctorId)?.name ?? ''}</span>
              <span className={`rx-status rx-status-${shownStatus(a)}`} data-shown={shownStatus(a)}>
                {t(`reception.status.${shownStatus(a)}`)}
              </span>
              {a.archived ? <span className="rx-tag">{t('patientDesk.archived')}</span> : null}
              {a.status === 'CANCELED' && a.cancelReason ? (
                <span className="muted rx-ellipsis">{a.cancelReason}</span>
              ) : a.chiefComplaint ? (
                <span className="muted rx-ellipsis">{a.chiefComplaint}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {more > 0 ? <p className="muted">{t('patientDesk.more', { count: more })}</p> : null}
    </section>
  )
}
