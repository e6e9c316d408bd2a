import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { bridge } from '../api/bridge'
import { useSubmit } from '../components/useSubmit'
import { useDirectory } from '../stores/directory'

export function AddDoctorForm() {
  const { t } = useTranslation()
  const departments = useDirectory((s) => s.departments)
  const [name, setName] = useState('')
  const [title, setTitle] = useState('')
  const [departmentId, setDepartmentId] = useState('')
  const [saved, setSaved] = useState<string | null>(null)
  const { run, busy, errorText } = useSubmit(
    () => bridge.call('doctors.create', { name, title, departmentId: Number(departmentId) }),
    (doctor) => {
      setSaved(doctor.name)
      setName('')
      setTitle('')
    },
  )
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void run()
  }
  return (
    <form className="card form" onSubmit={onSubmit} data-testid="add-doctor">
      <h2>{t('admin.addDoctor')}</h2>
      <label>
        {t('admin.department')}
        <select value={departmentId} onChange={(e) => setDepartmentId(e.target.value)} required name="departmentId">
          <option value="">{t('admin.choose')}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('admin.doctorName')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={50} required name="doctorName" />
      </label>
      <label>
        {t('admin.doctorTitle')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} name="doctorTitle" />
      </label>
      <div className="form-actions">
        <button className="primary" disabled={busy || !name.trim() || !departmentId}>
          {t('admin.save')}
        </button>
        <span className="form-message" aria-live="polite">
          {errorText ? <span className="error">{errorText}</span> : saved ? t('admin.saved', { name: saved }) : null}
        </span>
      </div>
    </form>
  )
}
