import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { verifyAudit } from '../stores/audit'
import { useSubmit } from '../../components/useSubmit'

type Verdict = {
  readonly ok: boolean
  readonly checked: number
  readonly firstBrokenId: number | null
}

/** Recomputes the hash chain on the host: OK, or the first row whose link no longer matches (tampering). */
export function VerifyChain({ onBroken }: { onBroken: (id: number) => void }) {
  const { t } = useTranslation()
  const [verdict, setVerdict] = useState<Verdict | null>(null)
  const { run, busy, errorText } = useSubmit(
    () => verifyAudit({}),
    (v) => {
      setVerdict(v)
      if (!v.ok && v.firstBrokenId !== null) onBroken(v.firstBrokenId)
    },
  )
  return (
    <div className="verify" data-testid="audit-verify">
      <button type="button" disabled={busy} onClick={() => void run()}>
        {busy ? t('admin.audit.verifying') : t('admin.audit.verify')}
      </button>
      <span aria-live="polite" data-testid="verify-result">
        {errorText ? (
          <span className="error">{errorText}</span>
        ) : verdict === null ? null : verdict.ok ? (
          <span className="tag tag-ok">{t('admin.audit.chainOk', { count: verdict.checked })}</span>
        ) : (
          <span className="tag tag-danger">
            {t('admin.audit.chainBroken', {
              id: verdict.firstBrokenId ?? '?',
              count: verdict.checked,
            })}
          </span>
        )}
      </span>
    </div>
  )
}
