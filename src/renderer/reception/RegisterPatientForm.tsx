import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Patient, PatientHit } from '../../shared/contract'
import type { AppErrorShape } from '../../shared/errors'
import { errorSentence } from '../i18n'
import { readIdNumber } from './patient-format'
import { fieldsOf, PatientFormFields, type PatientDraft } from './PatientFormFields'
import { registerPatient } from './stores/patients'

interface Props {
  /** What was typed in the search box: it becomes the phone, the ID number or the name. */
  readonly typed: string
  readonly onRegistered: (patient: PatientHit) => void
  readonly onClose: () => void
}

const toHit = (p: Patient): PatientHit => ({
  id: p.id,
  name: p.name,
  sex: p.sex,
  birthDate: p.birthDate,
  phone: p.phone,
  idNumberMasked: null,
})

function initialFields(typed: string) {
  const digits = typed.replace(/\s/g, '')
  if (/^1[3-9]\d{9}$/.test(digits)) return { name: '', phone: digits, idNumber: '' }
  if (/^\d{17}[\dXx]$/.test(digits)) return { name: '', phone: '', idNumber: digits.toUpperCase() }
  return { name: /\d/.test(typed) ? '' : typed, phone: '', idNumber: '' }
}

/**
 * Quick registration of a new patient inline, the ID number first: a valid one fills sex and
 * date of birth, so a patient with a card takes the number, the name and Enter.
 */
export function RegisterPatientForm({ typed, onRegistered, onClose }: Props) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<PatientDraft>(() => {
    const start = initialFields(typed)
    return { ...start, sex: 'U', birthDate: '', note: '', ...readIdNumber(start.idNumber) }
  })
  // An ID number brought from the search box is done: the name is next.
  const [focus] = useState<'idNumber' | 'name'>(() => (draft.idNumber ? 'name' : 'idNumber'))
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [matches, setMatches] = useState<readonly PatientHit[]>([])
  const busy = useRef(false)
  const [submitting, setSubmitting] = useState(false)

  const register = async (acceptDuplicate: boolean) => {
    if (busy.current) return
    busy.current = true
    setSubmitting(true)
    const result = await registerPatient({ ...fieldsOf(draft), acceptDuplicate })
    busy.current = false
    setSubmitting(false)
    if (result.ok) return onRegistered(toHit(result.value))
    setError(result.error)
    const found = result.error.details?.matches
    setMatches(Array.isArray(found) ? (found as PatientHit[]) : [])
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void register(false)
  }

  return (
    <form
      className="rx-register"
      onSubmit={onSubmit}
      data-testid="rx-register"
      onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}
    >
      <h3>{t('reception.registerTitle')}</h3>
      <p className="muted rx-hint">{t('patientDesk.idFirstHint')}</p>
      <PatientFormFields draft={draft} onChange={setDraft} testIdPrefix="rx-reg" focus={focus} />
      <p className="rx-message error" role="alert">
        {error ? errorSentence(error) : ''}
      </p>
      {matches.length > 0 ? (
        <ul className="rx-hits rx-dupes">
          {matches.map((m) => (
            <li key={m.id} onClick={() => onRegistered(m)}>
              <strong>{m.name}</strong> <span className="rx-mono">{m.phone ?? ''}</span>{' '}
              <span>{t('reception.useThisPatient')}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="rx-actions">
        <button type="submit" className="primary" disabled={submitting} data-testid="rx-reg-save">
          {submitting ? t('reception.saving') : t('reception.registerSave')}
        </button>
        {error?.code === 'DUPLICATE_PATIENT' && matches.length > 0 ? (
          <button type="button" onClick={() => void register(true)} disabled={submitting}>
            {t('reception.registerAnyway')}
          </button>
        ) : null}
        <button type="button" onClick={onClose}>
          {t('reception.cancel')} <span className="rx-key">Esc</span>
        </button>
      </div>
    </form>
  )
}
