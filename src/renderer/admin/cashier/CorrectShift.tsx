import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ShiftSheet } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { parseYuan } from '../../../shared/fees'
import { yuan } from '../../../shared/money-format'
import { DifferenceText } from '../../components/ShiftSheetView'
import { errorSentence } from '../../i18n'
import { correctShift } from '../stores/cashier'

/**
 * 更正 a closed shift: the cash recounted (元, two decimals, parsed to fen without floats) and
 * why. The host adds a linked entry; the shift as closed never changes.
 */
export function CorrectShift({
  sheet,
  onDone,
}: {
  sheet: ShiftSheet
  onDone: (sheet: ShiftSheet) => void
}) {
  const { t } = useTranslation()
  const [counted, setCounted] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const countedFen = parseYuan(counted)
  const badAmount = counted.trim() !== '' && countedFen === null
  const ready = countedFen !== null && reason.trim() !== '' && !busy

  const submit = async () => {
    if (!ready) return
    setBusy(true)
    const r = await correctShift({
      shiftId: sheet.shift.id,
      countedCashFen: countedFen,
      reason: reason.trim(),
    })
    setBusy(false)
    setError(r.ok ? null : r.error)
    if (!r.ok) return
    setCounted('')
    setReason('')
    onDone(r.value)
  }

  return (
    <form
      className="correct-shift"
      data-testid="correct-shift"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h4>{t('cashier.correct.title')}</h4>
      <p className="muted">{t('cashier.correct.hint')}</p>
      <label>
        <span>{t('cashier.correct.counted')}</span>
        <input
          inputMode="decimal"
          value={counted}
          onChange={(e) => setCounted(e.target.value)}
          placeholder={t('cashier.shift.countedPlaceholder')}
          aria-invalid={badAmount}
          data-testid="correct-counted"
        />
      </label>
      <span className="correct-preview" data-testid="correct-preview">
        {badAmount ? (
          <span className="error">{t('cashier.format')}</span>
        ) : countedFen !== null ? (
          <>
            {yuan(countedFen)} · <DifferenceText fen={countedFen - sheet.expectedCashFen} />
          </>
        ) : null}
      </span>
      <label>
        <span>{t('cashier.correct.reason')}</span>
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('cashier.correct.reasonPlaceholder')}
          maxLength={200}
          data-testid="correct-reason"
        />
      </label>
      <button type="submit" className="primary" disabled={!ready} data-testid="correct-submit">
        {busy ? t('cashier.correct.saving') : t('cashier.correct.submit')}
      </button>
      <p className="error" role="alert">
        {error ? errorSentence(error) : ''}
      </p>
    </form>
  )
}
