import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { staffMethods, type StaffRole } from '../../../shared/contract'
import { createStaff } from '../stores/staff'
import { useSubmit } from '../../components/useSubmit'
import { RoleFields } from './RoleFields'
import { FieldError, FormError } from '../common/FieldError'
import { checkInput } from '../common/validate'
import { secretProblemText } from './secret-problem-text'

const FIELDS = ['name', 'username', 'role', 'doctorId', 'secret'] as const

/** A new account: who, which role (a doctor account bound to its doctor), and a first password or PIN. */
export function AddStaffForm() {
  const { t } = useTranslation()
  const [name, setName] = useState('')
  const [username, setUsername] = useState('')
  const [role, setRole] = useState<StaffRole>('reception')
  const [doctorId, setDoctorId] = useState('')
  const [secret, setSecret] = useState('')
  const [saved, setSaved] = useState<string | null>(null)
  const input = {
    name,
    username,
    role,
    doctorId: role === 'doctor' && doctorId ? Number(doctorId) : null,
    secret,
  }
  // Only complain about a field once the admin has typed into it.
  const localError =
    name && username && secret ? checkInput(staffMethods['staff.create'].input, input) : null
  const { run, busy, error } = useSubmit(
    () => createStaff(input),
    (account) => {
      setSaved(account.username)
      setName('')
      setUsername('')
      setSecret('')
      setDoctorId('')
    },
  )
  const shown = error ?? localError
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    if (!localError) void run()
  }
  return (
    <form
      className="card inline-form"
      onSubmit={onSubmit}
      data-testid="add-staff"
      noValidate
      autoComplete="off"
    >
      <h2 className="span-all">{t('admin.staff.addTitle')}</h2>
      <label>
        <span>{t('admin.staff.name')}</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={50}
          name="staffName"
          data-field="name"
        />
        <FieldError error={shown} field="name" />
      </label>
      <label>
        <span>{t('admin.staff.username')}</span>
        <input
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          maxLength={32}
          name="username"
        />
        <FieldError error={shown} field="username" text={t('admin.staff.usernameRule')} />
      </label>
      <RoleFields
        role={role}
        onRole={setRole}
        doctorId={doctorId}
        onDoctor={setDoctorId}
        names={{ role: 'role', doctor: 'staffDoctor' }}
        doctorHint={
          <FieldError error={shown} field="doctorId" text={t('admin.staff.doctorRule')} />
        }
      />
      <label>
        <span>{t('admin.staff.secret')}</span>
        <input
          type="password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          maxLength={128}
          name="secret"
          autoComplete="new-password"
          placeholder={t(
            role === 'admin' ? 'admin.staff.adminSecretHint' : 'admin.staff.secretHint',
          )}
        />
        <FieldError
          error={shown}
          field="secret"
          text={secretProblemText({ secret, username, role })}
        />
      </label>
      <button
        className="primary"
        disabled={busy || !name.trim() || !username.trim() || !secret || localError !== null}
      >
        {t('admin.staff.add')}
      </button>
      <span className="form-message" aria-live="polite">
        <FormError error={error} fields={FIELDS} />
        {saved && !error ? t('admin.saved', { name: saved }) : null}
      </span>
    </form>
  )
}
