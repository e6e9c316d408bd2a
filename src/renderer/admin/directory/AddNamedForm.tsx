import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { createDepartment, createRoom } from '../stores/directory'
import { useSubmit } from '../../components/useSubmit'
import type { Result } from '../../../shared/errors'

interface Props {
  /** Creates the record from its name; answers with what the host saved. */
  readonly create: (input: { name: string }) => Promise<Result<{ name: string }>>
  /** The field's form name and the form's test id stem: `departmentName` and `add-department`. */
  readonly kind: string
  readonly label: string
  readonly action: string
}

/** One line: a new record known only by its name (a department, a consulting room). */
function AddNamedForm({ create, kind, label, action }: Props) {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [saved, setSaved] = useState<string | null>(null)
  const { run, busy, errorText } = useSubmit(
    () => create({ name }),
    (record) => {
      setSaved(record.name)
      setName('')
    },
  )
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void run()
  }
  return (
    <form className="inline-form" onSubmit={onSubmit} data-testid={`add-${kind}`}>
      <label>
        <span>{label}</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={50}
          required
          name={`${kind}Name`}
        />
      </label>
      <button className="primary" disabled={busy || !name.trim()}>
        {action}
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

export function AddDepartmentForm() {
  const { t } = useTranslation()
  return (
    <AddNamedForm
      create={createDepartment}
      kind="department"
      label={t('admin.departmentName')}
      action={t('admin.addDepartment')}
    />
  )
}

/** 诊室 */
export function AddRoomForm() {
  const { t } = useTranslation()
  return (
    <AddNamedForm
      create={createRoom}
      kind="room"
      label={t('admin.directory.roomName')}
      action={t('admin.directory.addRoom')}
    />
  )
}
