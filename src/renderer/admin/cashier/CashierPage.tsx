import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MonthSummary, ShiftSheet } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { formatClinicTime } from '../../../shared/clinic-time'
import { monthLabel, plusMonths } from '../../../shared/month'
import { yuan } from '../../../shared/money-format'
import { onHostEvent } from '../../api/host-action'
import { PrintCopy } from '../../components/PrintCopy'
import { DifferenceText, MethodTotalsTable, ShiftSheetView } from '../../components/ShiftSheetView'
import { errorSentence } from '../../i18n'
import { getShift, monthSummary } from '../stores/cashier'
import { useAdminSettings } from '../stores/settings'
import { CorrectShift } from './CorrectShift'
import { RefundsDue } from './RefundsDue'

/**
 * 收费与日结: a month's takings by method and by day, and every shift of the month; a shift opens
 * as its day-end sheet, printable on A4. Live on shifts.changed.
 */
export function CashierPage() {
  const { t, i18n } = useTranslation()
  const today = useAdminSettings((s) => s.today)
  const timeZone = useAdminSettings((s) => s.settings?.timeZone)
  const [month, setMonth] = useState('')
  const [summary, setSummary] = useState<MonthSummary | null>(null)
  const [open, setOpen] = useState<ShiftSheet | null>(null)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const shownMonth = month || (today ?? '').slice(0, 7)

  const reload = useCallback(() => {
    if (!/^\d{4}-\d{2}$/.test(shownMonth)) return
    void monthSummary({ month: shownMonth }).then((r) => {
      setSummary(r.ok ? r.value : null)
      setError(r.ok ? null : r.error)
    })
  }, [shownMonth])
  useEffect(reload, [reload])
  useEffect(() => onHostEvent('shifts.changed', reload), [reload])

  const view = async (shiftId: number) => {
    const r = await getShift({ shiftId })
    setOpen(r.ok ? r.value : null)
    setError(r.ok ? null : r.error)
  }
  const at = (instant: string) => formatClinicTime(instant, i18n.language, timeZone)

  return (
    <div className="stack" data-testid="cashier-page">
      <RefundsDue />
      <section className="card">
        <header className="cashier-head">
          <h2>{t('cashier.admin.summary', { month: monthLabel(shownMonth, i18n.language) })}</h2>
          <div className="month-picker" role="group" aria-label={t('cashier.admin.month')}>
            <button
              type="button"
              onClick={() => setMonth(plusMonths(shownMonth, -1))}
              aria-label={t('cashier.admin.prevMonth')}
              data-testid="cashier-month-prev"
            >
              ‹
            </button>
            <strong data-testid="cashier-month">{monthLabel(shownMonth, i18n.language)}</strong>
            <button
              type="button"
              onClick={() => setMonth(plusMonths(shownMonth, 1))}
              aria-label={t('cashier.admin.nextMonth')}
              data-testid="cashier-month-next"
            >
              ›
            </button>
          </div>
        </header>
        {error ? <p className="error">{errorSentence(error)}</p> : null}
        {summary ? (
          <div className="cashier-summary">
            <MethodTotalsTable
              className="grid"
              testId="cashier-by-method"
              rows={summary.byMethod}
              label={t('cashier.admin.net')}
              total={
                <th className="num" data-testid="cashier-month-total">
                  {yuan(summary.totalFen)}
                </th>
              }
            />
            <p className="muted">
              {t('cashier.shift.paidCount')} {summary.counts.paid} · {t('cashier.shift.freeCount')}{' '}
              {summary.counts.free} · {t('cashier.shift.refundCount')} {summary.counts.refunded}
            </p>
          </div>
        ) : null}
      </section>

      <section className="card">
        <h2>
          {t('cashier.admin.shifts')}{' '}
          <span className="muted">
            {t('cashier.admin.shiftCount', { count: summary?.shifts.length ?? 0 })}
          </span>
        </h2>
        {summary && summary.shifts.length === 0 ? (
          <p className="empty">{t('cashier.admin.none')}</p>
        ) : (
          <table className="grid" data-testid="cashier-shifts">
            <thead>
              <tr>
                <th>{t('cashier.admin.cashier')}</th>
                <th>{t('cashier.admin.opened')}</th>
                <th>{t('cashier.admin.closed')}</th>
                <th className="num">{t('cashier.admin.net')}</th>
                <th className="num">{t('cashier.admin.counted')}</th>
                <th className="num">{t('cashier.admin.difference')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(summary?.shifts ?? []).map((s) => (
                <tr
                  key={s.id}
                  data-shift={s.id}
                  className={open?.shift.id === s.id ? 'selected' : ''}
                >
                  <td>{s.cashier}</td>
                  <td>{at(s.openedAt)}</td>
                  <td>
                    {s.closedAt ? at(s.closedAt) : <strong>{t('cashier.admin.stillOpen')}</strong>}
                  </td>
                  <td className="num">{s.totalFen !== null ? yuan(s.totalFen) : '—'}</td>
                  <td className="num">
                    {s.countedCashFen !== null ? yuan(s.countedCashFen) : '—'}
                  </td>
                  <td className="num">
                    <DifferenceText
                      fen={
                        s.countedCashFen !== null && s.expectedCashFen !== null
                          ? s.countedCashFen - s.expectedCashFen
                          : null
                      }
                    />
                  </td>
                  <td>
                    <button type="button" onClick={() => void view(s.id)} data-action="view">
                      {t('cashier.admin.view')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {open ? (
        <section className="card" data-testid="cashier-sheet">
          <div className="cashier-head">
            <span />
            <button type="button" onClick={() => window.print()} data-testid="cashier-sheet-print">
              {t('cashier.shift.print')}
            </button>
          </div>
          <ShiftSheetView sheet={open} timeZone={timeZone ?? 'Asia/Shanghai'} />
          {open.shift.closedAt !== null ? (
            <CorrectShift key={open.shift.id} sheet={open} onDone={setOpen} />
          ) : null}
          <PrintCopy paper="A4" className="sheet-print">
            <ShiftSheetView sheet={open} timeZone={timeZone ?? 'Asia/Shanghai'} />
          </PrintCopy>
        </section>
      ) : null}
    </div>
  )
}
