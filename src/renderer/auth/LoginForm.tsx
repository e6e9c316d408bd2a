import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppErrorShape } from '../../shared/errors'
import { signIn } from './stores/session'
import i18next from 'i18next'
import { errorSentence } from '../i18n'
import type { Catalogue } from '../i18n/zh-CN'

/**
 * An `auth.*` sentence with options. The key is checked against the catalogue; the call goes
 * around i18next's own key types, which grow too deep for TypeScript on a catalogue this size.
 */
function say(key: `auth.${keyof Catalogue['auth'] & string}`, options: Record<string, unknown>) {
  return String((i18next.t as (key: string, options: object) => unknown)(key, options))
}

/** "30 s" or "4 min": how long a sign-in delay has left. */
function waitText(error: AppErrorShape): string {
  const seconds = Number(error.details?.secondsLeft ?? 60)
  return seconds < 60
    ? say('auth.waitSeconds', { count: seconds })
    : say('auth.waitMinutes', { count: Math.ceil(seconds / 60) })
}

/** A failure of sign-in or unlock as a sentence: a delay says how long is left. */
export function signInError(error: AppErrorShape): string {
  if (error.code === 'ACCOUNT_LOCKED') return say('auth.lockedOut', { wait: waitText(error) })
  if (error.code === 'RATE_LIMITED') return say('auth.rateLimited', { wait: waitText(error) })
  return errorSentence(error)
}

/** User name and password/PIN. `switching`: the quick switch at a shared desk (auth.switchUser). */
export function LoginForm({
  forDisplay,
  switching,
  onCancel,
}: {
  forDisplay: boolean
  switching?: boolean
  onCancel?: () => void
}) {
  const { t } = useTranslation()
  const [username, setUsername] = useState('')
  const [secret, setSecret] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    const params = { username, secret, ...(forDisplay ? { screen: 'display' as const } : {}) }
    const result = await signIn(params, switching)
    setBusy(false)
    if (!result.ok) {
      setError(signInError(result.error))
      setSecret('')
    }
  }

  return (
    <form className="form auth-form" onSubmit={(e) => void submit(e)} data-testid="login-form">
      <label>
        {t('auth.username')}
        <input
          name="username"
          autoComplete="username"
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          maxLength={32}
          required
        />
      </label>
      <label>
        {t('auth.secret')}
        <input
          name="secret"
          type="password"
          autoComplete="current-password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          maxLength={128}
          required
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
          {busy ? t('auth.signingIn') : switching ? t('auth.switchUser') : t('auth.signIn')}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('auth.unlock')}
          </button>
        ) : null}
      </div>
      <p className="form-message auth-error" role="alert" data-testid="login-error">
        {error ?? ''}
      </p>
    </form>
  )
}
