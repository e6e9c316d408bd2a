import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { errorSentence } from '../../i18n'
import { startStaffFeed, useAdminStaff } from '../stores/staff'
import { AddStaffForm } from './AddStaffForm'
import { SigninLimits } from './SigninLimits'
import { StaffRow } from './StaffRow'

/** 员工账号: who may sign in, as what; sign-in delays and forgotten PINs are handled here. */
export function StaffPage() {
  const { t } = useTranslation()
  useEffect(startStaffFeed, [])
  const { accounts, loaded, error } = useAdminStaff()
  return (
    <div className="stack">
      <AddStaffForm />
      <section className="card">
        <h2>{t('admin.staff.title')}</h2>
        {error ? <p className="error">{errorSentence(error)}</p> : null}
        {loaded && accounts.length === 0 ? <p className="empty">{t('admin.staff.none')}</p> : null}
        {accounts.length > 0 ? (
          <table className="grid" data-testid="staff-table">
            <thead>
              <tr>
                <th>{t('admin.staff.name')}</th>
                <th>{t('admin.staff.role')}</th>
                <th>{t('admin.staff.secretKind')}</th>
                <th>{t('admin.directory.status')}</th>
                <th>{t('admin.staff.lastLogin')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <StaffRow key={a.id} account={a} />
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <SigninLimits />
    </div>
  )
}
