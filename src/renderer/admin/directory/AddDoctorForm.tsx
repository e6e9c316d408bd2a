import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { createDoctor } from '../stores/directory'
import { useSubmit } from '../../components/useSubmit'
import { DoctorFields, doctorInput, emptyDoctor } from './DoctorFields'

/** Adds a doctor; keeps the department chosen so several doctors of one department go in quickly. */
export function AddDoctorForm() {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(emptyDoctor)
  const [saved, setSaved] = useState<string | null>(null)
  const { run, busy, errorText } = useSubmit(
    () => createDoctor(doctorInput(draft)),
    (doctor) => {
      setSaved(doctor.name)
      setDraft((d) => ({ ...emptyDoctor, departmentId: d.departmentId }))
    },
  )
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void run()
  }
  return (
    <form className="inline-form" onSubmit={onSubmit} data-testid="add-doctor">
      <DoctorFields draft={draft} onChange={setDraft} />
      <button className="primary" disabled={busy || !draft.name.trim() || !draft.departmentId}>
        {t('admin.addDoctor')}
      </button>
      <span className="form-message" aria-live="polite">
        {errorText ? (
          <span className="error">{errorText}</span>
        ) : saved ? (
          t('admin.saved', { name: saved })
        ) : null}
      </span>
    </form>
  )
}
