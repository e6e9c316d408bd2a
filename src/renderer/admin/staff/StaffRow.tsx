import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { staffMethods, type StaffAccount, type StaffRole } from '../../../shared/contract'
import { resetStaffSecret, unlockStaff, updateStaff } from '../stores/staff'
import { useSubmit } from '../../components/useSubmit'
import { useClinicTime } from '../../stores/clinic-zone'
import { useDirectory } from '../../stores/directory'
import { RoleFields } from './RoleFields'
import { FieldError } from '../common/FieldError'
import { checkInput } from '../common/validate'
import { secretProblemText } from './secret-problem-text'
import { secretProblem } from '../../../shared/contract/secret-policy'

const isLocked = (a: StaffAccount): boolean =>
  a.lockedUntil !== null && new Date(a.lockedUntil).getTime() > Date.now()

type Mode = 'view' | 'edit' | 'secret'

/** The account's fields being changed in place; the last admin rule is the host's to enforce. */
function EditCells({ account, onDone }: { account: StaffAccount; onDone: () => void }) {
  const { t } = useTranslation()
  const [name, setName] = useState(account.name)
  const [role, setRole] = useState<StaffRole>(account.role)
  const [doctorId, setDoctorId] = useState(
    account.doctorId === null ? '' : String(account.doctorId),
  )
  const [active, setActive] = useState(account.active)
  // A new admin gets an admin password in the same step: its PIN or short password would not do.
  const [secret, setSecret] = useState('')
  const becomesAdmin = role === 'admin' && account.role !== 'admin'
  const { run, busy, errorText } = useSubmit(
    () =>
      updateStaff({
        id: account.id,
        name,
        role,
        doctorId: role === 'doctor' && doctorId ? Number(doctorId) : null,
        active,
        ...(becomesAdmin ? { secret } : {}),
      }),
    onDone,
  )
  const secretWrong =
    becomesAdmin && secretProblem(secret, { username: account.username, role }) !== null
  return (
    <td colSpan={6}>
      <div className="inline-form">
        <label>
          <span>{t('admin.staff.name')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={50}
            name="editStaffName"
            data-field="name"
          />
        </label>
        <RoleFields
          role={role}
          onRole={setRole}
          doctorId={doctorId}
          onDoctor={setDoctorId}
          names={{ role: 'editRole', doctor: 'editStaffDoctor' }}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={active}
            onChange={(e) => setActive(e.target.checked)}
            name="editActive"
          />
          <span>{t('admin.staff.active')}</span>
        </label>
        {becomesAdmin ? (
          <label>
            <span>{t('admin.staff.newAdminSecret')}</span>
            <input
              type="password"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              maxLength={128}
              name="editAdminSecret"
              data-field="secret"
              autoComplete="new-password"
            />
            {secret && secretWrong ? (
              <span className="field-error" role="alert">
                {secretProblemText({ secret, username: account.username, role })}
              </span>
            ) : null}
          </label>
        ) : null}
        <button
          type="button"
          className="primary"
          disabled={busy || !name.trim() || (role === 'doctor' && !doctorId) || secretWrong}
          onClick={() => void run()}
        >
          {t('admin.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('admin.cancel')}
        </button>
        {errorText ? <span className="error">{errorText}</span> : null}
      </div>
    </td>
  )
}

/** A new password or PIN for a forgotten one; it also lifts the account's sign-in delay. */
function SecretCells({ account, onDone }: { account: StaffAccount; onDone: () => void }) {
  const { t } = useTranslation()
  const [secret, setSecret] = useState('')
  // The contract's schema judges the secret alone; the account's name and role are checked here too.
  const localError = secret
    ? (checkInput(staffMethods['staff.resetSecret'].input, { id: account.id, secret }) ??
      (secretProblem(secret, account)
        ? { code: 'INVALID_INPUT' as const, message: '', field: 'secret' }
        : null))
    : null
  const { run, busy, error } = useSubmit(() => resetStaffSecret({ id: account.id, secret }), onDone)
  return (
    <td colSpan={6}>
      <div className="inline-form">
        <label>
          <span>{t('admin.staff.newSecretFor', { name: account.name })}</span>
          <input
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            maxLength={128}
            name="newSecret"
            data-field="secret"
            autoComplete="new-password"
            placeholder={t(
              account.role === 'admin' ? 'admin.staff.adminSecretHint' : 'admin.staff.secretHint',
            )}
          />
          <FieldError
            error={error ?? localError}
            field="secret"
            text={secretProblemText({ secret, username: account.username, role: account.role })}
          />
        </label>
        <button
          type="button"
          className="primary"
          disabled={busy || !secret || localError !== null}
          onClick={() => void run()}
        >
          {t('admin.staff.resetSecret')}
        </button>
        <button type="button" onClick={onDone}>
          {t('admin.cancel')}
        </button>
      </div>
    </td>
  )
}

function UnlockButton({ id }: { id: number }) {
  const { t } = useTranslation()
  const { run, busy, errorText } = useSubmit(() => unlockStaff({ id }))
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run()}>
        {t('admin.staff.unlock')}
      </button>
      {errorText ? <span className="error">{errorText}</span> : null}
    </>
  )
}

/** One account: who, role, state (locked, inactive), and what the admin can do about it. */
export function StaffRow({ account }: { account: StaffAccount }) {
  const { t } = useTranslation()
  // Sign-ins in the clinic's zone and the screen's language, not the PC's locale.
  const clock = useClinicTime()
  const doctors = useDirectory((s) => s.doctors)
  const [mode, setMode] = useState<Mode>('view')
  const locked = isLocked(account)
  if (mode !== 'view') {
    return (
      <tr className="editing" data-testid="staff-row" data-staff-id={account.id}>
        {mode === 'edit' ? (
          <EditCells account={account} onDone={() => setMode('view')} />
        ) : (
          <SecretCells account={account} onDone={() => setMode('view')} />
        )}
      </tr>
    )
  }
  const doctor = account.doctorId === null ? null : doctors.find((d) => d.id === account.doctorId)
  return (
    <tr
      data-testid="staff-row"
      data-staff-id={account.id}
      className={account.active ? undefined : 'inactive'}
    >
      <td>
        <strong>{account.name}</strong> <span className="muted">{account.username}</span>
      </td>
      <td>
        {t(`admin.staff.roles.${account.role}`)}
        {doctor ? <span className="muted"> · {doctor.name}</span> : null}
      </td>
      <td>{t(`admin.staff.kinds.${account.secretKind}`)}</td>
      <td>
        {!account.active ? (
          t('admin.staff.inactive')
        ) : locked && account.lockedUntil ? (
          <span className="tag tag-warn">
            {t('admin.staff.lockedUntil', { time: clock(account.lockedUntil) })}
          </span>
        ) : account.failedAttempts > 0 ? (
          t('admin.staff.failedAttempts', { count: account.failedAttempts })
        ) : (
          t('admin.staff.active')
        )}
      </td>
      <td>{account.lastLoginAt ? clock(account.lastLoginAt) : '—'}</td>
      <td className="actions">
        <button type="button" onClick={() => setMode('edit')}>
          {t('admin.edit')}
        </button>
        <button type="button" onClick={() => setMode('secret')}>
          {t('admin.staff.resetSecret')}
        </button>
        {locked ? <UnlockButton id={account.id} /> : null}
      </td>
    </tr>
  )
}
