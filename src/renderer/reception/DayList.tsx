import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { shownStatus, type Appointment } from '../../shared/contract'
import { errorSentence } from '../i18n'
import { useDirectory } from '../stores/directory'
import { useClinic } from './stores/clinic'
import {
  checkInAppointment,
  DAY_FILTERS,
  filterDayList,
  useDayList,
  type DayFilter,
} from './stores/daylist'
import { useDesk } from './stores/desk'
import { openPatientCard } from './stores/patient-desk'
import { openTicket } from './stores/ticket'
import { moneyOf, openPay, reprintReceipt } from './stores/cashier'
import { loadPaid, usePaid } from './stores/paid'
import { recheckInAppointment } from './stores/recheck'
import { RecheckDialog } from '../components/RecheckDialog'
import { CancelDialog } from './CancelDialog'
import { sexLabel } from './patient-format'
import { RescheduleDialog } from './RescheduleDialog'
import { settleMove } from './stores/reschedule'
import './extra.css'

const CAN_CHECK_IN = new Set(['PENDING', 'CONFIRMED'])
const CAN_CANCEL = new Set(['PENDING', 'CONFIRMED', 'CHECKED_IN'])
const CAN_MOVE = new Set(['PENDING', 'CONFIRMED'])
const CAN_RECHECK = new Set(['SKIPPED', 'NO_SHOW'])
/** Statuses at which the fee is still to take: the visit is ahead or under way. */
const CAN_PAY = new Set(['PENDING', 'CONFIRMED', 'CHECKED_IN', 'CALLED', 'IN_PROGRESS', 'SKIPPED'])

/** The desk's appointments for the chosen day: filter, check in, cancel, move, reprint — live. */
export function DayList() {
  const { t } = useTranslation()
  const date = useDesk((s) => s.date)
  const today = useClinic((s) => s.today)
  const doctors = useDirectory((s) => s.doctors)
  const list = useDayList()
  const [dialog, setDialog] = useState<{
    kind: 'cancel' | 'move' | 'recheck'
    appointment: Appointment
  } | null>(null)
  const [rowError, setRowError] = useState<{ id: number; text: string } | null>(null)
  const [busyId, setBusyId] = useState<number | null>(null)
  const paid = usePaid((s) => s.paid)
  const charging = usePaid((s) => s.charging)
  const unpaid = (a: Appointment) => charging && paid.get(a.id) === false && CAN_PAY.has(a.status)
  // Re-read whenever the rows change: a new booking is unpaid, and no money event says so.
  const rowsKey = list.rows.map((a) => `${a.id}:${a.doctorId}`).join(',')
  useEffect(() => {
    if (!date) return
    const doctorIds = new Set(useDayList.getState().rows.map((a) => a.doctorId))
    void loadPaid(date, [...doctorIds])
  }, [date, rowsKey])

  const receipt = async (a: Appointment) => {
    const money = await moneyOf(a.id)
    const error = !money.ok
      ? money.error
      : money.value.payment
        ? await reprintReceipt(money.value.payment.id)
        : null
    setRowError(error ? { id: a.id, text: errorSentence(error) } : null)
  }

  const checkIn = async (a: Appointment) => {
    if (busyId !== null) return
    // An arrival not yet paid pays first (or chooses later); then 签到.
    if (unpaid(a)) return void openPay(a, 'checkIn')
    setBusyId(a.id)
    const result = await checkInAppointment(a.id)
    setBusyId(null)
    setRowError(result.ok ? null : { id: a.id, text: errorSentence(result.error) })
  }

  return (
    <section className="rx-daylist card" data-testid="rx-daylist">
      <header className="rx-daylist-head">
        <h2>{t('reception.dayListTitle', { date })}</h2>
        <label className="rx-inline">
          <span>{t('reception.doctor')}</span>
          <select
            value={list.doctorId ?? ''}
            onChange={(e) =>
              filterDayList({ doctorId: e.target.value ? Number(e.target.value) : null })
            }
            data-testid="rx-daylist-doctor"
          >
            <option value="">{t('reception.allDoctors')}</option>
            {doctors.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <div className="rx-chips" role="radiogroup" aria-label={t('reception.statusFilter')}>
          {(Object.keys(DAY_FILTERS) as DayFilter[]).map((f) => (
            <button
              type="button"
              key={f}
              role="radio"
              aria-checked={list.filter === f}
              className={list.filter === f ? 'active' : ''}
              onClick={() => filterDayList({ filter: f })}
              data-filter={f}
            >
              {t(`reception.filter.${f}`)}
            </button>
          ))}
        </div>
      </header>
      <div className="rx-table-wrap">
        <table className="rx-table">
          <thead>
            <tr>
              <th>{t('reception.col.no')}</th>
              <th>{t('reception.col.time')}</th>
              <th>{t('reception.col.patient')}</th>
              <th>{t('reception.col.phone')}</th>
              <th>{t('reception.col.doctor')}</th>
              <th>{t('reception.col.status')}</th>
              <th>{t('reception.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((a) => (
              <tr key={a.id} data-appointment={a.id} data-status={a.status}>
                <td className="rx-no">{a.queueNo}</td>
                <td className="rx-mono">
                  {a.startTime}–{a.endTime}
                </td>
                <td>
                  <button
                    type="button"
                    className="rx-link rx-patient-link"
                    title={t('patientDesk.openCardOf', { name: a.patientName })}
                    onClick={() => openPatientCard(a.patientId)}
                    data-action="card"
                  >
                    <strong className="rx-clamp-line rx-daylist-name" title={a.patientName}>
                      {a.patientName}
                    </strong>
                  </button>{' '}
                  <span className="muted">
                    {sexLabel(t, a.patientSex)}{' '}
                    {a.patientAge !== null ? t('reception.age', { count: a.patientAge }) : ''}
                  </span>
                  {a.source === 'WALK_IN' ? (
                    <span className="rx-tag">{t('reception.walkInTag')}</span>
                  ) : null}
                  {a.extra ? (
                    <span className="rx-tag rx-tag-extra" data-testid="rx-extra-tag">
                      {t('extra.tag')}
                    </span>
                  ) : null}
                  {a.chiefComplaint ? (
                    <div className="muted rx-ellipsis" title={a.chiefComplaint}>
                      {a.chiefComplaint}
                    </div>
                  ) : null}
                  {rowError?.id === a.id ? <div className="error">{rowError.text}</div> : null}
                </td>
                <td className="rx-mono">{a.patientPhone ?? '—'}</td>
                <td>{doctors.find((d) => d.id === a.doctorId)?.name ?? ''}</td>
                <td>
                  <span
                    className={`rx-status rx-status-${shownStatus(a)}`}
                    data-shown={shownStatus(a)}
                  >
                    {t(`reception.status.${shownStatus(a)}`)}
                  </span>
                  {paid.get(a.id) === true ? (
                    <span className="rx-money rx-money-paid" data-money="paid">
                      {t('cashier.paid')}
                    </span>
                  ) : unpaid(a) ? (
                    <span className="rx-money rx-money-unpaid" data-money="unpaid">
                      {t('cashier.pending')}
                    </span>
                  ) : null}
                  {a.status === 'CANCELED' && a.cancelReason ? (
                    <div className="muted rx-ellipsis">{a.cancelReason}</div>
                  ) : null}
                </td>
                <td>
                  <div className="rx-row-actions">
                    {CAN_CHECK_IN.has(a.status) && a.date === today ? (
                      <button
                        type="button"
                        className="primary"
                        disabled={busyId === a.id}
                        onClick={() => void checkIn(a)}
                        data-action="checkin"
                      >
                        {t('reception.checkIn')}
                      </button>
                    ) : null}
                    {CAN_RECHECK.has(a.status) && a.date === today ? (
                      <button
                        type="button"
                        className="primary"
                        onClick={() => setDialog({ kind: 'recheck', appointment: a })}
                        data-action="recheck"
                      >
                        {t('recheck.action')}
                      </button>
                    ) : null}
                    {unpaid(a) ? (
                      <button
                        type="button"
                        className="primary"
                        onClick={() => void openPay(a, 'receipt')}
                        data-action="pay"
                      >
                        {t('cashier.pay')}
                      </button>
                    ) : null}
                    {paid.get(a.id) === true ? (
                      <button type="button" onClick={() => void receipt(a)} data-action="receipt">
                        {t('cashier.reprintReceipt')}
                      </button>
                    ) : null}
                    {CAN_MOVE.has(a.status) ? (
                      <button
                        type="button"
                        onClick={() => setDialog({ kind: 'move', appointment: a })}
                        data-action="reschedule"
                      >
                        {t('reception.reschedule')}
                      </button>
                    ) : null}
                    {CAN_CANCEL.has(a.status) ? (
                      <button
                        type="button"
                        className="danger-outline"
                        onClick={() => setDialog({ kind: 'cancel', appointment: a })}
                        data-action="cancel"
                      >
                        {t('reception.cancelAppointment')}
                      </button>
                    ) : null}
                    {a.status !== 'CANCELED' ? (
                      <button
                        type="button"
                        onClick={() => void openTicket(a.id)}
                        data-action="ticket"
                      >
                        {t('reception.reprint')}
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.rows.length === 0 ? (
          <p className="rx-empty">
            {list.error
              ? errorSentence(list.error)
              : list.loading
                ? t('reception.loading')
                : t('reception.noAppointments')}
          </p>
        ) : null}
      </div>
      {dialog?.kind === 'cancel' ? (
        <CancelDialog appointment={dialog.appointment} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'recheck' ? (
        <RecheckDialog
          appointment={dialog.appointment}
          submit={recheckInAppointment}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'move' ? (
        <RescheduleDialog
          appointment={dialog.appointment}
          onClose={(moved) => {
            setDialog(null)
            // The difference to take or give back first, then the new ticket (settleMove).
            if (moved) void settleMove(moved)
          }}
        />
      ) : null}
    </section>
  )
}
