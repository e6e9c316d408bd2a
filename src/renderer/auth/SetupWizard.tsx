import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { secretProblem } from '../../shared/contract/secret-policy'
import { initSetup } from './stores/session'
import { errorSentence } from '../i18n'
import { ClockTimeInput } from '../components/ClockTimeInput'

const ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Urumqi',
  'Asia/Singapore',
  'Europe/London',
  'America/New_York',
]

/** First run: the clinic's name, zone and hours, and the first admin; or the demo clinic on top. */
export function SetupWizard({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation()
  const [form, setForm] = useState({
    clinicName: '',
    timeZone: 'Asia/Shanghai',
    opens: '08:00',
    closes: '17:30',
    name: '',
    username: '',
    secret: '',
    again: '',
    loadDemo: false,
  })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set =
    (key: keyof typeof form) =>
    (e: { target: { value: string; checked?: boolean; type?: string } }) =>
      setForm((f) => ({
        ...f,
        [key]: e.target.type === 'checkbox' ? Boolean(e.target.checked) : e.target.value,
      }))

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    // The first admin can change everything: the same rule as the host's, explained before sending.
    const problem = secretProblem(form.secret, { username: form.username, role: 'admin' })
    if (problem) return setError(t(`auth.secretProblem.${problem}`))
    if (form.secret !== form.again) return setError(t('setup.mismatch'))
    setBusy(true)
    const result = await initSetup({
      clinicName: form.clinicName,
      timeZone: form.timeZone,
      openingHours: { opens: form.opens, closes: form.closes },
      admin: { name: form.name, username: form.username, secret: form.secret },
      loadDemo: form.loadDemo,
    })
    setBusy(false)
    if (!result.ok)
      return setError(
        `${errorSentence(result.error)}${result.error.field ? ` (${result.error.field})` : ''}`,
      )
    onDone()
  }

  return (
    <form
      className="form auth-form setup-form"
      onSubmit={(e) => void submit(e)}
      data-testid="setup-wizard"
    >
      <p className="auth-hint">{t('setup.intro')}</p>
      <label>
        {t('setup.clinicName')}
        <input
          name="clinicName"
          value={form.clinicName}
          onChange={set('clinicName')}
          maxLength={100}
          required
          autoFocus
        />
      </label>
      <div className="auth-row">
        <label>
          {t('setup.timeZone')}
          <select name="timeZone" value={form.timeZone} onChange={set('timeZone')}>
            {ZONES.map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
        </label>
        <label>
          {t('setup.opens')}
          <ClockTimeInput
            name="opens"
            value={form.opens}
            onChange={(value) => setForm((form) => ({ ...form, opens: value }))}
            required
          />
        </label>
        <label>
          {t('setup.closes')}
          <ClockTimeInput
            name="closes"
            value={form.closes}
            onChange={(value) => setForm((form) => ({ ...form, closes: value }))}
            required
          />
        </label>
      </div>
      <h2>{t('setup.adminHeading')}</h2>
      <div className="auth-row">
        <label>
          {t('setup.adminName')}
          <input
            name="adminName"
            value={form.name}
            onChange={set('name')}
            maxLength={50}
            required
          />
        </label>
        <label>
          {t('setup.adminUsername')}
          <input
            name="adminUsername"
            value={form.username}
            onChange={set('username')}
            maxLength={32}
            autoComplete="username"
            required
          />
        </label>
      </div>
      <label>
        {t('setup.adminSecret')}
        <input
          name="adminSecret"
          type="password"
          value={form.secret}
          onChange={set('secret')}
          maxLength={128}
          autoComplete="new-password"
          minLength={10}
          required
        />
        <span className="muted">{t('setup.adminSecretRule')}</span>
      </label>
      <label>
        {t('setup.adminSecretAgain')}
        <input
          name="adminSecretAgain"
          type="password"
          value={form.again}
          onChange={set('again')}
          maxLength={128}
          autoComplete="new-password"
          required
        />
      </label>
      <label className="auth-check">
        <input name="loadDemo" type="checkbox" checked={form.loadDemo} onChange={set('loadDemo')} />
        {t('setup.loadDemo')}
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="setup-submit">
          {busy ? t('setup.saving') : t('setup.submit')}
        </button>
      </div>
      <p className="form-message auth-error" role="alert">
        {error ?? ''}
      </p>
    </form>
  )
}
