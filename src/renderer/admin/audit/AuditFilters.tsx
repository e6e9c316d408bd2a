import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { methods } from '../../../shared/contract'
import { useAdminSettings } from '../stores/settings'
import { zonedToUtc } from './clinic-zone'
import { actionLabel, AUDIT_ENTITIES, entityLabel } from './readable'
import { runtimeText } from '../../i18n/readable'

export interface AuditFilter {
  readonly entity?: string
  readonly actor?: string
  readonly action?: string
  readonly patient?: string
  readonly appointmentId?: number
  readonly from?: string
  readonly to?: string
}

/** The audited actions, from the contract itself: every feature prefix ("appointments.") and each method. */
const FEATURES = [...new Set(Object.keys(methods).map((m) => m.split('.')[0] ?? m))].sort()
const METHOD_NAMES = Object.keys(methods).sort()

/** Filters by entity, actor, action and day range; applied on submit so typing does not query per key. */
export function AuditFilters({ onApply }: { onApply: (f: AuditFilter) => void }) {
  const { t } = useTranslation()
  const timeZone = useAdminSettings((s) => s.settings?.timeZone)
  const [entity, setEntity] = useState('')
  const [actor, setActor] = useState('')
  const [action, setAction] = useState('')
  const [patient, setPatient] = useState('')
  const [appointment, setAppointment] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    onApply({
      ...(entity.trim() ? { entity: entity.trim() } : {}),
      ...(actor.trim() ? { actor: actor.trim() } : {}),
      ...(action ? { action } : {}),
      ...(patient.trim() ? { patient: patient.trim() } : {}),
      ...(/^\d+$/.test(appointment.trim()) ? { appointmentId: Number(appointment.trim()) } : {}),
      // Clinic days, bounded in UTC as the log stores them.
      ...(from ? { from: zonedToUtc(from, '00:00:00', timeZone) } : {}),
      ...(to ? { to: zonedToUtc(to, '23:59:59.999', timeZone) } : {}),
    })
  }
  return (
    <form className="card inline-form" onSubmit={onSubmit} data-testid="audit-filters">
      <label>
        <span>{t('admin.audit.entity')}</span>
        {/* A choice of the record kinds in the user's language, never a raw table name to type. */}
        <select value={entity} onChange={(e) => setEntity(e.target.value)} name="entity">
          <option value="">{t('admin.audit.anyEntity')}</option>
          {[...AUDIT_ENTITIES]
            .map((e) => [e, entityLabel(e)] as const)
            .sort((a, b) => a[1].localeCompare(b[1]))
            .map(([e, label]) => (
              <option key={e} value={e}>
                {label}
              </option>
            ))}
        </select>
      </label>
      <label>
        <span>{t('admin.audit.actor')}</span>
        <input
          value={actor}
          onChange={(e) => setActor(e.target.value)}
          maxLength={100}
          name="actor"
        />
      </label>
      <label>
        <span>{runtimeText('auditText.patient')}</span>
        <input
          value={patient}
          onChange={(e) => setPatient(e.target.value)}
          maxLength={100}
          name="patient"
          placeholder={runtimeText('auditText.patientHint')}
        />
      </label>
      <label>
        <span>{runtimeText('auditText.appointment')}</span>
        <input
          value={appointment}
          onChange={(e) => setAppointment(e.target.value.replace(/\D/g, ''))}
          inputMode="numeric"
          maxLength={10}
          name="appointmentId"
        />
      </label>
      <label>
        <span>{t('admin.audit.action')}</span>
        <select value={action} onChange={(e) => setAction(e.target.value)} name="action">
          <option value="">{t('admin.audit.anyAction')}</option>
          <optgroup label={t('admin.audit.features')}>
            {FEATURES.map((f) => (
              <option key={f} value={`${f}.`}>
                {f}.*
              </option>
            ))}
          </optgroup>
          <optgroup label={t('admin.audit.methods')}>
            {METHOD_NAMES.map((m) => (
              <option key={m} value={m}>
                {actionLabel(m)}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label>
        <span>{t('admin.audit.from')}</span>
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} name="from" />
      </label>
      <label>
        <span>{t('admin.audit.to')}</span>
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} name="to" />
      </label>
      <button className="primary">{t('admin.audit.apply')}</button>
    </form>
  )
}
