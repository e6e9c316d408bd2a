import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { parseYuan } from '../../shared/fees'
import { yuan } from '../../shared/money-format'
import { Dialog } from '../components/Dialog'
import { PrintCopy } from '../components/PrintCopy'
import { DifferenceText, ShiftSheetView } from '../components/ShiftSheetView'
import { useSubmit } from '../components/useSubmit'
import { errorSentence } from '../i18n'
import { useClinic } from './stores/clinic'
import { closeShift, openShift, reloadShift, startShiftFeed, useShift } from './stores/shift'

/**
 * 日结: this cashier's shift, live — totals by method, counts, every receipt; the cash counted
 * against what the drawer should hold; close the shift (confirmed: closed is final); print on A4.
 */
export function ShiftPanel() {
  const { t } = useTranslation()
  const { loaded, sheet, closed, error } = useShift()
  const timeZone = useClinic((s) => s.settings?.timeZone ?? 'Asia/Shanghai')
  useEffect(() => {
    startShiftFeed()
    void reloadShift()
  }, [])
  const shown = sheet ?? closed

  return (
    <section className="rx-shift card" data-testid="rx-shift">
      <header className="rx-daylist-head">
        <h2>
          {shown
            ? t('cashier.shift.title', { cashier: shown.shift.cashier })
            : t('cashier.shift.tab')}
        </h2>
        {shown ? (
          <button type="button" onClick={() => window.print()} data-testid="shift-print">
            {t('cashier.shift.print')}
          </button>
        ) : null}
      </header>
      {error ? <p className="error">{errorSentence(error)}</p> : null}
      <div className="rx-shift-body">
        {sheet ? (
          <CloseForm expectedFen={sheet.expectedCashFen} />
        ) : loaded ? (
          <OpenForm afterClose={closed !== null} />
        ) : (
          <p className="rx-empty">{t('reception.loading')}</p>
        )}
        {shown ? <ShiftSheetView sheet={shown} timeZone={timeZone} /> : null}
      </div>
      {shown ? (
        <PrintCopy paper="A4" className="sheet-print">
          <ShiftSheetView sheet={shown} timeZone={timeZone} />
        </PrintCopy>
      ) : null}
    </section>
  )
}

/** The count of the drawer, the difference as it is typed, and 交班 behind a confirmation. */
function CloseForm({ expectedFen }: { expectedFen: number }) {
  const { t } = useTranslation()
  const [counted, setCounted] = useState('')
  const [confirming, setConfirming] = useState(false)
  const countedFen = parseYuan(counted)
  const submit = useCallback(() => closeShift(countedFen ?? 0), [countedFen])
  const { run, busy, errorText } = useSubmit(submit, () => setConfirming(false))
  const differenceFen = countedFen === null ? null : countedFen - expectedFen
  return (
    <form
      className="rx-shift-count"
      onSubmit={(e) => {
        e.preventDefault()
        if (countedFen !== null) setConfirming(true)
      }}
    >
      <label>
        <span>{t('cashier.shift.counted')}</span>
        <input
          inputMode="decimal"
          value={counted}
          onChange={(e) => setCounted(e.target.value)}
          placeholder={t('cashier.shift.countedPlaceholder')}
          data-testid="shift-counted"
        />
      </label>
      <div className="rx-shift-figure">
        <span className="pay-label">{t('cashier.shift.expectedCash')}</span>
        <strong>{yuan(expectedFen)}</strong>
      </div>
      <div className="rx-shift-figure" data-testid="shift-live-difference">
        <span className="pay-label">{t('cashier.shift.difference')}</span>
        <strong>
          {counted.trim() !== '' && countedFen === null ? (
            <span className="error">{t('cashier.format')}</span>
          ) : (
            <DifferenceText fen={differenceFen} />
          )}
        </strong>
      </div>
      <button
        type="submit"
        className="danger"
        disabled={countedFen === null}
        data-testid="shift-close"
      >
        {t('cashier.shift.close')}
      </button>
      {confirming && countedFen !== null ? (
        <Dialog
          title={t('cashier.shift.confirmTitle')}
          onClose={() => setConfirming(false)}
          testId="shift-confirm"
        >
          <p>
            {t('cashier.shift.confirmText', {
              counted: yuan(countedFen),
              difference: differenceFen === null ? '—' : yuan(differenceFen),
            })}
          </p>
          <p className="rx-message error" role="alert">
            {errorText ?? ''}
          </p>
          <div className="rx-actions">
            <button
              type="button"
              className="danger"
              autoFocus
              disabled={busy}
              onClick={() => void run()}
              data-testid="shift-confirm-close"
            >
              {busy ? t('cashier.shift.closing') : t('cashier.shift.confirmClose')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('reception.back')} <span className="rx-key">Esc</span>
            </button>
          </div>
        </Dialog>
      ) : null}
    </form>
  )
}

/** No shift open: the first payment opens one, or 开班 now with the float counted into the drawer. */
function OpenForm({ afterClose }: { afterClose: boolean }) {
  const { t } = useTranslation()
  const [float, setFloat] = useState('')
  const floatFen = float.trim() === '' ? 0 : parseYuan(float)
  const submit = useCallback(() => openShift(floatFen ?? 0), [floatFen])
  const { run, busy, errorText } = useSubmit(submit)
  return (
    <form
      className="rx-shift-count"
      onSubmit={(e) => {
        e.preventDefault()
        if (floatFen !== null) void run()
      }}
    >
      <p className="muted rx-shift-note">
        {afterClose ? t('cashier.shift.lastClosed') : t('cashier.shift.noShift')}
      </p>
      <label>
        <span>{t('cashier.shift.openFloat')}</span>
        <input
          inputMode="decimal"
          value={float}
          onChange={(e) => setFloat(e.target.value)}
          data-testid="shift-float"
        />
      </label>
      <button
        type="submit"
        className="primary"
        disabled={busy || floatFen === null}
        data-testid="shift-open"
      >
        {afterClose ? t('cashier.shift.newShift') : t('cashier.shift.openShift')}
      </button>
      {errorText ? <p className="error">{errorText}</p> : null}
    </form>
  )
}
