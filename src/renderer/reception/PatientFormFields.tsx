import { useTranslation } from 'react-i18next'
import type { Patient, Sex } from '../../shared/contract'
import { SEXES } from '../../shared/contract'
import { readIdNumber, sexLabel } from './patient-format'

/** The form's fields as typed; each input's `name` is the host's field name. */
export interface PatientDraft {
  readonly idNumber: string
  readonly name: string
  readonly sex: Sex
  readonly birthDate: string
  readonly phone: string
  readonly note: string
}

export const draftOf = (p: Patient): PatientDraft => ({
  idNumber: p.idNumber ?? '',
  name: p.name,
  sex: p.sex,
  birthDate: p.birthDate ?? '',
  phone: p.phone ?? '',
  note: p.note,
})

/** What the host gets: empty optional fields as null. */
export const fieldsOf = (d: PatientDraft) => ({
  name: d.name,
  sex: d.sex,
  birthDate: d.birthDate || null,
  phone: d.phone.trim() || null,
  idNumber: d.idNumber.trim() || null,
  note: d.note,
})

/**
 * A patient's fields, the ID number first: a valid one fills sex and date of birth, so a new
 * patient with a card takes the number and the name. Shared by registration and the edit dialog.
 */
export function PatientFormFields({
  draft,
  onChange,
  testIdPrefix,
  withNote = false,
  focus = 'idNumber',
}: {
  draft: PatientDraft
  onChange: (next: PatientDraft) => void
  testIdPrefix: string
  withNote?: boolean
  /** The field that takes the keyboard when the form opens. */
  focus?: 'idNumber' | 'name'
}) {
  const { t } = useTranslation()
  const set = (patch: Partial<PatientDraft>) => onChange({ ...draft, ...patch })
  const onIdNumber = (value: string) => {
    const read = readIdNumber(value)
    set(read ? { idNumber: value, ...read } : { idNumber: value })
  }
  return (
    <div className="rx-register-grid">
      <label>
        <span>{t('reception.field.idNumber')}</span>
        <input
          autoFocus={focus === 'idNumber'}
          name="idNumber"
          value={draft.idNumber}
          onChange={(e) => onIdNumber(e.target.value)}
          maxLength={18}
          autoComplete="off"
          spellCheck={false}
          data-testid={`${testIdPrefix}-id`}
        />
      </label>
      <label>
        <span>{t('reception.field.name')} *</span>
        <input
          autoFocus={focus === 'name'}
          name="name"
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
          required
          maxLength={50}
          autoComplete="off"
          data-testid={`${testIdPrefix}-name`}
        />
      </label>
      <label>
        <span>{t('reception.field.sex')}</span>
        <select
          name="sex"
          value={draft.sex}
          onChange={(e) => set({ sex: e.target.value as Sex })}
          data-testid={`${testIdPrefix}-sex`}
        >
          {SEXES.map((s) => (
            <option key={s} value={s}>
              {sexLabel(t, s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('reception.field.birthDate')}</span>
        <input
          type="date"
          name="birthDate"
          value={draft.birthDate}
          onChange={(e) => set({ birthDate: e.target.value })}
          data-testid={`${testIdPrefix}-birth`}
        />
      </label>
      <label>
        <span>{t('reception.field.phone')}</span>
        <input
          name="phone"
          value={draft.phone}
          onChange={(e) => set({ phone: e.target.value })}
          inputMode="numeric"
          maxLength={11}
          autoComplete="off"
          data-testid={`${testIdPrefix}-phone`}
        />
      </label>
      {withNote ? (
        <label className="rx-field-wide">
          <span>{t('patientDesk.note')}</span>
          <textarea
            name="note"
            value={draft.note}
            onChange={(e) => set({ note: e.target.value })}
            maxLength={200}
            rows={2}
            placeholder={t('patientDesk.notePlaceholder')}
            data-testid={`${testIdPrefix}-note`}
          />
        </label>
      ) : null}
    </div>
  )
}
