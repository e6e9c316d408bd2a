import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Patient, PatientHit, Sex } from '../../shared/contract'
import { SEXES } from '../../shared/contract'
import type { AppErrorShape } from '../../shared/errors'
import { errorSentence } from '../i18n'
import { readIdNumber, sexLabel } from './patient-format'
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

/** Quick registration of a new patient inline: name, sex, phone, ID number (which fills birth date and sex). */
export function RegisterPatientForm({ typed, onRegistered, onClose }: Props) {
  const { t } = useTranslation()
  const start = initialFields(typed)
  const [name, setName] = useState(start.name)
  const [phone, setPhone] = useState(start.phone)
  const [idNumber, setIdNumber] = useState(start.idNumber)
  const fromId = readIdNumber(start.idNumber)
  const [sex, setSex] = useState<Sex>(fromId?.sex ?? 'U')
  const [birthDate, setBirthDate] = useState(fromId?.birthDate ?? '')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [matches, setMatches] = useState<readonly PatientHit[]>([])
  const busy = useRef(false)
  const [submitting, setSubmitting] = useState(false)

  const onIdNumber = (value: string) => {
    setIdNumber(value)
    const read = readIdNumber(value)
    if (read) {
      setBirthDate(read.birthDate)
      setSex(read.sex)
    }
  }

  const register = async (acceptDuplicate: boolean) => {
    if (busy.current) return
    busy.current = true
    setSubmitting(true)
    const result = await registerPatient({
      name,
      sex,
      birthDate: birthDate || null,
      phone: phone.trim() || null,
      idNumber: idNumber.trim() || null,
      acceptDuplicate,
    })
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

  const fieldError = (field: string) =>
    error?.code === 'INVALID_INPUT' && error.field?.endsWith(field) ? 'rx-invalid' : ''

  return (
    <form
      className="rx-register"
      onSubmit={onSubmit}
      data-testid="rx-register"
      onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}
    >
      <h3>{t('reception.registerTitle')}</h3>
      <div className="rx-register-grid">
        <label className={fieldError('name')}>
          <span>{t('reception.field.name')} *</span>
          <input
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={50}
            name="name"
            data-testid="rx-reg-name"
          />
        </label>
        <label>
          <span>{t('reception.field.sex')}</span>
          <select
            value={sex}
            onChange={(e) => setSex(e.target.value as Sex)}
            name="sex"
            data-testid="rx-reg-sex"
          >
            {SEXES.map((s) => (
              <option key={s} value={s}>
                {sexLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
        <label className={fieldError('phone')}>
          <span>{t('reception.field.phone')}</span>
          <input
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            inputMode="numeric"
            maxLength={11}
            name="phone"
            data-testid="rx-reg-phone"
          />
        </label>
        <label className={fieldError('idNumber')}>
          <span>{t('reception.field.idNumber')}</span>
          <input
            value={idNumber}
            onChange={(e) => onIdNumber(e.target.value)}
            maxLength={18}
            name="idNumber"
            data-testid="rx-reg-id"
          />
        </label>
        <label className={fieldError('birthDate')}>
          <span>{t('reception.field.birthDate')}</span>
          <input
            type="date"
            value={birthDate}
            onChange={(e) => setBirthDate(e.target.value)}
            name="birthDate"
            data-testid="rx-reg-birth"
          />
        </label>
      </div>
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
