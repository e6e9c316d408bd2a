import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AffectedBooking, Leave } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { onHostEvent } from '../../api/host-action'
import { errorSentence } from '../../i18n'
import { useDirectory } from '../../stores/directory'
import { leaveAffected } from '../stores/leave'
import { downloadCsv, toCsv } from './affected-csv'

/** "2026-03-02" or "2026-03-02 至 2026-03-04". */
export const leaveDates = (leave: Pick<Leave, 'from' | 'to'>, to: string): string =>
  leave.from === leave.to ? leave.from : `${leave.from} ${to} ${leave.to}`

/**
 * The patients a leave touched, for the phone calls: printable on A4 (print CSS keeps only this
 * card) and exportable as CSV. Read from the host and again on every change of the doctor's days.
 */
export function LeaveAffected({ leaveId, onClose }: { leaveId: number; onClose: () => void }) {
  const { t, i18n } = useTranslation()
  const doctors = useDirectory((s) => s.doctors)
  const [data, setData] = useState<{ leave: Leave; bookings: readonly AffectedBooking[] } | null>(
    null,
  )
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [bump, setBump] = useState(0)

  useEffect(() => {
    const again = () => setBump((n) => n + 1)
    const offs = [
      onHostEvent('appointments.changed', again),
      onHostEvent('slots.changed', again),
      onHostEvent('leave.changed', again),
    ]
    return () => offs.forEach((off) => off())
  }, [])
  useEffect(() => {
    let current = true
    void leaveAffected({ id: leaveId }).then((r) => {
      if (!current) return
      setData(r.ok ? r.value : null)
      setError(r.ok ? null : r.error)
    })
    return () => void (current = false)
  }, [leaveId, bump])

  const leave = data?.leave
  const doctor = doctors.find((d) => d.id === leave?.doctorId)?.name ?? ''
  const outcome = (b: AffectedBooking): string =>
    t(`leaveManage.outcomes.${b.outcome}`) +
    (b.movedTo
      ? ' ' +
        t('leaveManage.movedTo', {
          doctor: b.movedTo.doctorName,
          date: b.movedTo.date,
          start: b.movedTo.startTime,
          end: b.movedTo.endTime,
          queueNo: b.movedTo.queueNo,
        })
      : '')
  const header = [
    t('leaveManage.date'),
    t('leaveManage.band'),
    t('leaveManage.queueNo'),
    t('leaveManage.patient'),
    t('leaveManage.phone'),
    t('leaveManage.outcome'),
  ]
  const exportCsv = () => {
    if (!data) return
    downloadCsv(
      toCsv(data.bookings, header, outcome),
      `leave-${data.leave.id}-${doctor}-${data.leave.from}.csv`,
    )
  }

  return (
    <section className="card print-area" data-testid="leave-affected">
      <div className="card-head">
        <h2>
          {leave
            ? t('leaveManage.affectedTitle', {
                doctor,
                dates: leaveDates(leave, t('leaveManage.through')),
                session: t(`leaveManage.sessions.${leave.session}`),
              })
            : null}
        </h2>
        <div className="no-print actions">
          <button type="button" onClick={() => window.print()} disabled={!data}>
            {t('leaveManage.print')}
          </button>
          <button type="button" onClick={exportCsv} disabled={!data} data-testid="export-csv">
            {t('leaveManage.exportCsv')}
          </button>
          <button type="button" onClick={onClose}>
            {t('leaveManage.close')}
          </button>
        </div>
      </div>
      {leave ? (
        <p className="muted">
          {leave.reason} ·{' '}
          {t('leaveManage.printedAt', {
            at: new Date().toLocaleString(i18n.language, { hour12: false }),
          })}
        </p>
      ) : null}
      {error ? <p className="error">{errorSentence(error)}</p> : null}
      {data && data.bookings.length === 0 ? (
        <p className="empty">{t('leaveManage.noBookings')}</p>
      ) : null}
      {data && data.bookings.length > 0 ? (
        <table className="grid" data-testid="leave-affected-table">
          <thead>
            <tr>
              {header.map((h, i) => (
                <th key={h} className={i === 2 ? 'num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.bookings.map((b) => (
              <tr
                key={b.appointmentId}
                data-testid="leave-affected-row"
                className={`outcome-${b.outcome}`}
              >
                <td>{b.date}</td>
                <td>
                  {b.startTime}–{b.endTime}
                </td>
                <td className="num">{b.queueNo}</td>
                <td>{b.patientName}</td>
                <td>{b.patientPhone ?? '—'}</td>
                <td>{outcome(b)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
