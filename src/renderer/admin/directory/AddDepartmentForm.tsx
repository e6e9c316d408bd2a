import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { createDepartment } from '../stores/directory'
import { useSubmit } from '../../components/useSubmit'

/** One line: a new department's name. */
export function AddDepartmentForm() {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [saved, setSaved] = useState<string | null>(null)
  const { run, busy, errorText } = useSubmit(
    () => createDepartment({ name }),
    (department) => {
      setSaved(department.name)
      setName('')
    },
  )
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void run()
  }
  return (
    <form className="inline-form" onSubmit={onSubmit} data-testid="add-department">
      <label>
        <span>{t('admin.departmentName')}</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={50}
          required
          name="departmentName"
        />
      </label>
      <button className="primary" disabled={busy || !name.trim()}>
        {t('admin.addDepartment')}
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
