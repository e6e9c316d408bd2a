import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Appointment, AppointmentMoney } from '../../shared/contract'
import { cashChange, yuan } from '../../shared/money-format'
import { Dialog } from '../components/Dialog'
import { PAY_METHODS, type PayChoice, type PayMethod } from './stores/cashier'
import './cashier.css'

/**
 * 收费: the amount due from the price list, big; how the patient pays (keys 1–6); for cash what
 * they handed over and the change to give, bigger still; for 免收 the reason. Enter takes it.
 */
export function PayDialog({
  appointment: a,
  money,
  busy,
  errorText,
  onPay,
  onLater,
}: {
  appointment: Appointment
  money: AppointmentMoney | null
  busy: boolean
  errorText: string | null
  onPay: (choice: PayChoice) => void
  onLater: () => void
}) {
  const { t } = useTranslation()
  const quote = money?.quote ?? null
  // What is still to take: the whole fee, or after a 改约 to a dearer doctor the difference.
  const dueFen = Math.max(money?.balanceFen ?? 0, 0)
  const [method, setMethod] = useState<PayMethod>(quote?.free ? 'FREE' : 'CASH')
  const [tendered, setTendered] = useState('')
  const [reason, setReason] = useState(quote?.free ? t(`cashier.freeReasons.${quote.free}`) : '')
  const cash = cashChange(tendered, dueFen)
  // Nothing typed is the exact amount: no change to count.
  const exact = tendered.trim() === ''
  const ready =
    money !== null &&
    !busy &&
    (method === 'CASH' ? cash.ok || exact : method === 'FREE' ? reason.trim() !== '' : true)

  const submit = () => {
    if (!ready) return
    onPay({
      method,
      ...(method === 'CASH' && cash.ok ? { tenderedFen: cash.tenderedFen } : {}),
      ...(method === 'FREE' ? { reason: reason.trim() } : {}),
    })
  }

  return (
    <Dialog
      title={t('cashier.payTitle', { no: a.queueNo, name: a.patientName })}
      onClose={onLater}
      testId="rx-pay-dialog"
    >
      <form
        className="pay"
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
        onKeyDown={(e) => {
          // 1–6 pick the method, unless typing a figure or a reason.
          const n = Number(e.key)
          if (e.target instanceof HTMLInputElement || !(n >= 1 && n <= PAY_METHODS.length)) return
          e.preventDefault()
          setMethod(PAY_METHODS[n - 1] as PayMethod)
        }}
      >
        <div className="pay-due">
          <span className="pay-label">{t('cashier.due')}</span>
          <strong className="pay-due-value" data-testid="pay-due">
            {method === 'FREE' ? yuan(0) : yuan(dueFen)}
          </strong>
          {quote ? (
            <span className="muted pay-breakdown">
              {t('cashier.dueBreakdown', { base: yuan(quote.baseFen) })}
              {quote.nightFen > 0
                ? ` + ${t('cashier.night', { amount: yuan(quote.nightFen) })}`
                : ''}
              {quote.holidayFen > 0
                ? ` + ${t('cashier.holiday', { amount: yuan(quote.holidayFen) })}`
                : ''}
              {quote.free ? ` · ${t(`cashier.freeReasons.${quote.free}`)}` : ''}
            </span>
          ) : null}
        </div>

        <div className="pay-methods" role="radiogroup" aria-label={t('cashier.method')}>
          {PAY_METHODS.map((m, i) => (
            <button
              type="button"
              key={m}
              role="radio"
              aria-checked={method === m}
              className={method === m ? 'active' : ''}
              onClick={() => setMethod(m)}
              data-method={m}
            >
              <span className="rx-key">{i + 1}</span> {t(`cashier.methods.${m}`)}
            </button>
          ))}
        </div>

        {method === 'CASH' ? (
          <div className="pay-cash">
            <label>
              <span>{t('cashier.tendered')}</span>
              <input
                autoFocus
                inputMode="decimal"
                value={tendered}
                onChange={(e) => setTendered(e.target.value)}
                placeholder={t('cashier.tenderedPlaceholder')}
                data-testid="pay-tendered"
              />
            </label>
            <div className="pay-change" data-testid="pay-change" data-ok={cash.ok || exact}>
              <span className="pay-label">{t('cashier.change')}</span>
              <strong className="pay-change-value">
                {cash.ok
                  ? yuan(cash.changeFen)
                  : exact
                    ? t('cashier.exact')
                    : cash.problem === 'short'
                      ? t('cashier.short', {
                          amount: yuan(dueFen - (parseTendered(tendered) ?? 0)),
                        })
                      : t('cashier.format')}
              </strong>
            </div>
          </div>
        ) : method === 'FREE' ? (
          <label className="pay-reason">
            <span>{t('cashier.freeReason')}</span>
            <input
              autoFocus
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('cashier.freeReasonPlaceholder')}
              maxLength={200}
              data-testid="pay-reason"
            />
          </label>
        ) : null}

        <p className="rx-message error" role="alert" data-testid="pay-error">
          {errorText ?? ''}
        </p>
        <p className="muted pay-hint">{t('cashier.payKeys')}</p>
        <div className="rx-actions">
          <button type="submit" className="primary" disabled={!ready} data-testid="pay-confirm">
            {busy
              ? t('cashier.paying')
              : method === 'FREE'
                ? t('cashier.confirmFree')
                : t('cashier.confirmPay')}{' '}
            <span className="rx-key">Enter</span>
          </button>
          <button type="button" onClick={onLater} data-testid="pay-later">
            {t('cashier.later')} <span className="rx-key">Esc</span>
          </button>
        </div>
      </form>
    </Dialog>
  )
}

const parseTendered = (typed: string): number | null => {
  const r = cashChange(typed, 0)
  return r.ok ? r.tenderedFen : null
}
