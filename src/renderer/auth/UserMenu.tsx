import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSession } from '../api/session'
import { lock, signOut } from './stores/session'
import { ChangeSecretDialog } from './ChangeSecretDialog'

/** In the top bar: who is signed in, and lock / switch user / sign out for a shared desk. */
export function UserMenu() {
  const { t } = useTranslation()
  const status = useSession((s) => s.status)
  const [changing, setChanging] = useState(false)
  if (!status || status.state !== 'signed-in' || !status.user) return null
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-name" data-testid="signed-in-user">
        {t('auth.signedInAs', { name: status.user.name })}
        {status.role ? <small> · {t(`auth.roles.${status.role}`)}</small> : null}
      </span>
      {status.role !== 'display' ? (
        <button type="button" onClick={() => setChanging(true)} data-testid="change-secret-open">
          {t('auth.changeSecretButton')}
        </button>
      ) : null}
      {changing ? <ChangeSecretDialog onClose={() => setChanging(false)} /> : null}
      <button type="button" onClick={() => void lock()} data-testid="lock-now">
        {t('auth.lockNow')}
      </button>
      <button type="button" onClick={() => void signOut()} data-testid="sign-out">
        {t('auth.signOut')}
      </button>
    </div>
  )
}
