import { useTranslation } from 'react-i18next'
import type { SigninLimit } from '../../../shared/contract'
import { bridge } from '../../api/bridge'
import { useSubmit } from '../../components/useSubmit'
import { useClinicTime } from '../../stores/clinic-zone'
import { useAdminStaff } from '../stores/staff'

function ClearButton({ limit }: { limit: SigninLimit }) {
  const { t } = useTranslation()
  const { run, busy, errorText } = useSubmit(() =>
    bridge.call('staff.clearSigninLimit', { key: limit.key }),
  )
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void run()} data-testid="clear-limit">
        {t('admin.staff.limits.clear')}
      </button>
      {errorText ? <span className="error">{errorText}</span> : null}
    </>
  )
}

/**
 * 登录限制: where wrong sign-in attempts are slowing sign-in down now (an account, a computer,
 * a device), so an admin can see a guesser at work and lift a delay that holds up a colleague.
 */
export function SigninLimits() {
  const { t } = useTranslation()
  const clock = useClinicTime()
  const limits = useAdminStaff((s) => s.limits)
  return (
    <section className="card" data-testid="signin-limits">
      <h2>{t('admin.staff.limits.title')}</h2>
      <p className="muted">{t('admin.staff.limits.help')}</p>
      {limits.length === 0 ? (
        <p className="empty">{t('admin.staff.limits.none')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('admin.staff.limits.kind')}</th>
              <th>{t('admin.staff.limits.subject')}</th>
              <th>{t('admin.staff.limits.failures')}</th>
              <th>{t('admin.staff.limits.delayedUntil')}</th>
              <th>{t('admin.staff.limits.lastFailure')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {limits.map((l) => (
              <tr key={l.key} data-testid="signin-limit" data-key={l.key}>
                <td>{t(`admin.staff.limits.kinds.${l.kind}`)}</td>
                <td>{l.subject}</td>
                <td>{l.failures}</td>
                <td>
                  {l.delayedUntil ? (
                    <span className="tag tag-warn">{clock(l.delayedUntil)}</span>
                  ) : (
                    t('admin.staff.limits.notDelayed')
                  )}
                </td>
                <td>{l.lastFailureAt ? clock(l.lastFailureAt) : '—'}</td>
                <td className="actions">
                  <ClearButton limit={l} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
