import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Appointment, MethodInput, QueueEntry } from '../../shared/contract'
import type { Result } from '../../shared/errors'
import { Dialog } from './Dialog'
import { useSubmit } from './useSubmit'
import './recheck.css'

export type RecheckInput = MethodInput<'queue.recheckIn'>

const REASONS = ['late', 'away', 'mistake'] as const

/**
 * 重新签到: a skipped or no-show patient who turns up today goes back into the line, at its end
 * or after the first N waiting, with a reason (kept in the audit log). Reception and the doctor's
 * room both use it; each passes its own store action.
 */
export function RecheckDialog({
  appointment,
  submit,
  onClose,
}: {
  appointment: Pick<Appointment, 'id' | 'queueNo' | 'patientName' | 'status'>
  submit: (input: RecheckInput) => Promise<Result<QueueEntry>>
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [rule, setRule] = useState<'end' | 'after'>('end')
  const [places, setPlaces] = useState(2)
  const [reason, setReason] = useState('')
  const send = useCallback(
    () =>
      submit({
        id: appointment.id,
        place: rule === 'end' ? { rule } : { rule, places },
        reason: reason.trim(),
      }),
    [submit, appointment.id, rule, places, reason],
  )
  const { run, busy, errorText } = useSubmit(send, onClose)
  return (
    <Dialog
      title={t('recheck.title', { no: appointment.queueNo, name: appointment.patientName })}
      onClose={onClose}
      testId="recheck-dialog"
    >
      <p className="muted">
        {appointment.status === 'SKIPPED' ? t('recheck.wasSkipped') : t('recheck.wasNoShow')}
      </p>
      <form
        className="recheck-form"
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <fieldset className="recheck-rules">
          <legend>{t('recheck.where')}</legend>
          <label>
            <input
              type="radio"
              name="rule"
              checked={rule === 'end'}
              onChange={() => setRule('end')}
              data-testid="recheck-rule-end"
            />
            {t('recheck.ruleEnd')}
          </label>
          <label>
            <input
              type="radio"
              name="rule"
              checked={rule === 'after'}
              onChange={() => setRule('after')}
              data-testid="recheck-rule-after"
            />
            {t('recheck.ruleAfterBefore')}
            <input
              type="number"
              min={0}
              max={99}
              className="recheck-places"
              value={places}
              onFocus={() => setRule('after')}
              onChange={(e) =>
                setPlaces(Math.max(0, Math.min(99, Math.floor(Number(e.target.value) || 0))))
              }
              aria-label={t('recheck.placesLabel')}
              data-testid="recheck-places"
            />
            {t('recheck.ruleAfterAfter')}
          </label>
        </fieldset>
        <div className="recheck-chips">
          {REASONS.map((r) => (
            <button
              type="button"
              key={r}
              className={reason === t(`recheck.reasons.${r}`) ? 'active' : ''}
              onClick={() => setReason(t(`recheck.reasons.${r}`))}
            >
              {t(`recheck.reasons.${r}`)}
            </button>
          ))}
        </div>
        <label className="recheck-reason">
          <span>{t('recheck.reason')}</span>
          <input
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            data-testid="recheck-reason"
          />
        </label>
        <p className="recheck-error error" role="alert">
          {errorText ?? ''}
        </p>
        <div className="recheck-actions">
          <button
            type="submit"
            className="primary"
            disabled={busy || !reason.trim()}
            data-testid="recheck-confirm"
          >
            {busy ? t('recheck.saving') : t('recheck.confirm')}
          </button>
          <button type="button" onClick={onClose}>
            {t('recheck.back')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  )
}
