import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { secretProblem } from '../../shared/contract/secret-policy'
import { useSession } from '../api/session'
import { changeSecret } from './stores/session'
import { Dialog } from '../components/Dialog'
import { signInError } from './LoginForm'

/**
 * The signed-in user changes their own password or PIN, giving the current one. The new one is
 * checked here against the same rule the host applies, so a weak one is explained before it is sent.
 */
export function ChangeSecretDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const [form, setForm] = useState({ current: '', next: '', again: '' })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)
  const user = useSession((s) => s.status?.user ?? null)
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }))

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    if (busy) return
    const problem = secretProblem(form.next, user ?? {})
    if (problem) return setError(t(`auth.secretProblem.${problem}`))
    if (form.next !== form.again) return setError(t('setup.mismatch'))
    setBusy(true)
    setError(null)
    const result = await changeSecret(user?.username, {
      current: form.current,
      next: form.next,
    })
    setBusy(false)
    if (result.ok) return setDone(true)
    setError(
      result.error.code === 'BAD_CREDENTIALS'
        ? t('auth.changeSecret.currentWrong')
        : signInError(result.error),
    )
    setForm((f) => ({ ...f, current: '' }))
  }

  return (
    <Dialog title={t('auth.changeSecret.title')} onClose={onClose} testId="change-secret">
      {done ? (
        <div className="form">
          <p data-testid="change-secret-done">{t('auth.changeSecret.done')}</p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={onClose} autoFocus>
              {t('auth.changeSecret.close')}
            </button>
          </div>
        </div>
      ) : (
        <form className="form auth-form" onSubmit={(e) => void submit(e)}>
          <label>
            {t('auth.changeSecret.current')}
            <input
              name="current"
              type="password"
              autoComplete="current-password"
              value={form.current}
              onChange={set('current')}
              maxLength={128}
              required
              autoFocus
            />
          </label>
          <label>
            {t('auth.changeSecret.next')}
            <input
              name="next"
              type="password"
              autoComplete="new-password"
              value={form.next}
              onChange={set('next')}
              maxLength={128}
              required
            />
          </label>
          <label>
            {t('setup.adminSecretAgain')}
            <input
              name="again"
              type="password"
              autoComplete="new-password"
              value={form.again}
              onChange={set('again')}
              maxLength={128}
              required
            />
          </label>
          <div className="form-actions">
            <button
              type="submit"
              className="primary"
              disabled={busy}
              data-testid="change-secret-submit"
            >
              {busy ? t('auth.changeSecret.saving') : t('auth.changeSecret.submit')}
            </button>
            <button type="button" onClick={onClose}>
              {t('auth.changeSecret.cancel')}
            </button>
          </div>
          <p className="form-message auth-error" role="alert" data-testid="change-secret-error">
            {error ?? ''}
          </p>
        </form>
      )}
    </Dialog>
  )
}
