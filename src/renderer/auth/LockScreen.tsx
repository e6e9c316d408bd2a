import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuthStatus } from '../../shared/contract'
import { signOut, unlock } from './stores/session'
import { LoginForm, signInError } from './LoginForm'

/** The idle lock: the same user unlocks with their PIN or password; someone else may switch in. */
export function LockScreen({ status }: { status: AuthStatus }) {
  const { t } = useTranslation()
  const [secret, setSecret] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [switching, setSwitching] = useState(false)
  const name = status.user?.name ?? ''

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    const result = await unlock(status.user?.username, secret)
    setSecret('')
    if (!result.ok) setError(signInError(result.error))
  }

  if (switching)
    return <LoginForm forDisplay={false} switching onCancel={() => setSwitching(false)} />
  return (
    <form className="form auth-form" onSubmit={(e) => void submit(e)} data-testid="lock-screen">
      <p className="auth-hint">{t('auth.lockHint', { name })}</p>
      <label>
        {t('auth.secret')}
        <input
          name="secret"
          type="password"
          autoFocus
          autoComplete="current-password"
          inputMode={status.user?.secretKind === 'pin' ? 'numeric' : 'text'}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          maxLength={128}
          required
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="unlock-submit">
          {t('auth.unlock')}
        </button>
        <button type="button" onClick={() => setSwitching(true)} data-testid="switch-user">
          {t('auth.switchUser')}
        </button>
        <button type="button" onClick={() => void signOut()}>
          {t('auth.signOut')}
        </button>
      </div>
      <p className="form-message auth-error" role="alert" data-testid="login-error">
        {error ?? ''}
      </p>
    </form>
  )
}
