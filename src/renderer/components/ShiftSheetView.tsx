import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { MethodTotal, ShiftSheet } from '../../shared/contract'
import { formatClinicTime } from '../../shared/clinic-time'
import { receiptLabel, refundLabel } from '../../shared/money'
import { yuan } from '../../shared/money-format'
import { useDirectory } from '../stores/directory'
import './shift-sheet.css'

/**
 * Totals by payment method, with the net in the footer: the day-end sheet's and the admin's month
 * (one table, so both read the same way).
 */
export function MethodTotalsTable({
  rows,
  label,
  total,
  className,
  testId,
}: {
  readonly rows: readonly MethodTotal[]
  /** The footer's label: a shift's total, or a month's. */
  readonly label: string
  /** The footer's last cell: the net total, marked as each page needs. */
  readonly total: ReactNode
  readonly className: string
  readonly testId: string
}) {
  const { t } = useTranslation()
  return (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          <th>{t('cashier.method')}</th>
          <th className="num">{t('cashier.shift.count')}</th>
          <th className="num">{t('cashier.paid')}</th>
          <th className="num">{t('cashier.refunded')}</th>
          <th className="num">{t('cashier.shift.total')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.method} data-method={m.method}>
            <td>{t(`cashier.methods.${m.method}`)}</td>
            <td className="num">{m.count}</td>
            <td className="num">{yuan(m.paidFen)}</td>
            <td className="num">{m.refundedFen > 0 ? yuan(-m.refundedFen) : '—'}</td>
            <td className="num">
              <strong>{yuan(m.netFen)}</strong>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={4}>{label}</th>
          {total}
        </tr>
      </tfoot>
    </table>
  )
}

/** 长款 / 短款 / 账实相符: the drawer against the sheet, as a cashier says it. */
export function DifferenceText({ fen }: { fen: number | null }) {
  const { t } = useTranslation()
  if (fen === null) return <>—</>
  if (fen === 0) return <span className="sheet-ok">{t('cashier.shift.balanced')}</span>
  return (
    <span className="sheet-diff" data-fen={fen}>
      {fen > 0
        ? t('cashier.shift.over', { amount: yuan(fen) })
        : t('cashier.shift.under', { amount: yuan(-fen) })}
    </span>
  )
}

/**
 * The day-end sheet (日结单) of one shift: totals by method, the counts, the cash against the
 * count, every receipt and refund. The same on screen, at the desk and in admin, and on A4.
 */
export function ShiftSheetView({ sheet, timeZone }: { sheet: ShiftSheet; timeZone: string }) {
  const { t, i18n } = useTranslation()
  const doctors = useDirectory((s) => s.doctors)
  const at = (instant: string) => formatClinicTime(instant, i18n.language, timeZone)
  const clock = (instant: string) => formatClinicTime(instant, i18n.language, timeZone, 'clock')
  const doctorName = (id: number) => doctors.find((d) => d.id === id)?.name ?? ''
  const { shift } = sheet
  // Receipts and refunds in the order they happened, as the drawer saw them.
  const lines = [
    ...sheet.payments.map((p) => ({ at: p.createdAt, kind: 'pay' as const, p })),
    ...sheet.refunds.map((r) => ({ at: r.createdAt, kind: 'refund' as const, r })),
  ].sort((a, b) => a.at.localeCompare(b.at))
  return (
    <article className="sheet" data-testid="shift-sheet" data-closed={shift.closedAt !== null}>
      <header className="sheet-head">
        <h3>{t('cashier.shift.sheetTitle')}</h3>
        <div>
          {t('cashier.cashier')}: <strong>{shift.cashier}</strong>
        </div>
        <div className="muted">
          {t('cashier.shift.opened', { at: at(shift.openedAt) })}
          {' · '}
          {shift.closedAt ? (
            <strong data-testid="shift-closed">
              {t('cashier.shift.closed', { at: at(shift.closedAt) })}
            </strong>
          ) : (
            t('cashier.shift.open')
          )}
        </div>
      </header>

      <section className="sheet-figures">
        <MethodTotalsTable
          className="sheet-table"
          testId="shift-by-method"
          rows={sheet.byMethod}
          label={t('cashier.shift.net')}
          total={
            <th className="num sheet-total" data-testid="shift-total">
              {yuan(sheet.totalFen)}
            </th>
          }
        />
        <dl className="sheet-cash">
          <dt>{t('cashier.shift.paidCount')}</dt>
          <dd data-testid="shift-count-paid">
            {t('cashier.shift.visits', { count: sheet.counts.paid })}
          </dd>
          <dt>{t('cashier.shift.freeCount')}</dt>
          <dd>{t('cashier.shift.visits', { count: sheet.counts.free })}</dd>
          <dt>{t('cashier.shift.refundCount')}</dt>
          <dd>{t('cashier.shift.visits', { count: sheet.counts.refunded })}</dd>
          <dt>{t('cashier.shift.float')}</dt>
          <dd>{yuan(shift.openingFloatFen)}</dd>
          <dt>{t('cashier.shift.expectedCash')}</dt>
          <dd data-testid="shift-expected">{yuan(sheet.expectedCashFen)}</dd>
          <dt>{t('cashier.shift.counted')}</dt>
          <dd>{shift.countedCashFen !== null ? yuan(shift.countedCashFen) : '—'}</dd>
          <dt>{t('cashier.shift.difference')}</dt>
          <dd data-testid="shift-difference">
            <DifferenceText fen={sheet.differenceFen} />
          </dd>
        </dl>
      </section>

      {sheet.corrections.length > 0 ? (
        <section>
          <h4>{t('cashier.shift.corrections')}</h4>
          <ul className="sheet-corrections">
            {/* Each entry links back to the shift's own count, which stays as it was closed. */}
            <li className="muted" data-testid="shift-correction-original">
              {t('cashier.correct.original')}{' '}
              {shift.countedCashFen !== null ? yuan(shift.countedCashFen) : '—'}
            </li>
            {sheet.corrections.map((c, i) => (
              <li key={c.id} data-testid="shift-correction" data-correction={c.id}>
                <strong>{t('cashier.correct.entry', { n: i + 1 })}</strong> · {at(c.createdAt)} ·{' '}
                {c.createdBy} · {t('cashier.shift.counted')} {yuan(c.countedCashFen)} (
                <DifferenceText fen={c.countedCashFen - sheet.expectedCashFen} />) · {c.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section>
        <h4>{t('cashier.shift.receipts')}</h4>
        {lines.length === 0 ? (
          <p className="muted">{t('cashier.shift.none')}</p>
        ) : (
          <table className="sheet-table sheet-lines" data-testid="shift-lines">
            <thead>
              <tr>
                <th>{t('cashier.receiptNo')}</th>
                <th>{t('cashier.shift.time')}</th>
                <th>{t('ticket.doctor')}</th>
                <th>{t('cashier.method')}</th>
                <th className="num">{t('cashier.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) =>
                l.kind === 'pay' ? (
                  <tr key={`p${l.p.id}`} data-receipt={l.p.receiptNo}>
                    <td className="mono">{receiptLabel(l.p.receiptNo)}</td>
                    <td>{clock(l.p.createdAt)}</td>
                    <td>{doctorName(l.p.doctorId)}</td>
                    <td>
                      {t(`cashier.methods.${l.p.method}`)}
                      {l.p.freeReason ? ` · ${l.p.freeReason}` : ''}
                    </td>
                    <td className="num">{yuan(l.p.amountFen)}</td>
                  </tr>
                ) : (
                  <tr key={`r${l.r.id}`} className="sheet-refund" data-refund={l.r.refundNo}>
                    <td className="mono">{refundLabel(l.r.refundNo)}</td>
                    <td>{clock(l.r.createdAt)}</td>
                    <td className="sheet-reason">{l.r.reason}</td>
                    <td>{t(`cashier.methods.${l.r.method}`)}</td>
                    <td className="num">{yuan(-l.r.amountFen)}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        )}
      </section>

      <footer className="sheet-sign">
        <span>{t('cashier.shift.signCashier')}</span>
        <span>{t('cashier.shift.signChecker')}</span>
      </footer>
    </article>
  )
}
