import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { generateSlots } from '../stores/templates'
import { useSubmit } from '../../components/useSubmit'
import { useAdminSettings } from '../stores/settings'

/**
 * Turns every doctor's weekly sessions into bookable bands up to the horizon. Safe to press
 * again: the host creates nothing twice, so the count says what was new.
 */
export function GenerateSlots({ onGenerated }: { onGenerated?: () => void }) {
  const { t } = useTranslation()
  const horizon = useAdminSettings((s) => s.settings?.horizonDays)
  const [created, setCreated] = useState<number | null>(null)
  const { run, busy, errorText } = useSubmit(
    () => generateSlots({}),
    (r) => {
      setCreated(r.created)
      onGenerated?.()
    },
  )
  return (
    <div className="generate" data-testid="generate-slots">
      <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
        {busy ? t('admin.sessions.generating') : t('admin.sessions.generate')}
      </button>
      <span className="hint">
        {horizon ? t('admin.sessions.generateHint', { days: horizon }) : null}
      </span>
      <span className="form-message" aria-live="polite" data-testid="generate-result">
        {errorText ? (
          <span className="error">{errorText}</span>
        ) : created === null ? null : created > 0 ? (
          t('admin.sessions.generated', { count: created })
        ) : (
          t('admin.sessions.generatedNone')
        )}
      </span>
    </div>
  )
}
