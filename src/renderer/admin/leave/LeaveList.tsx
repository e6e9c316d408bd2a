import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Leave } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { onHostEvent } from '../../api/host-action'
import { useSubmit } from '../../components/useSubmit'
import { errorSentence } from '../../i18n'
import { useDirectory } from '../../stores/directory'
import { listLeave, reopenLeave } from '../stores/leave'
import { leaveDates } from './LeaveAffected'

/** Undo with a second click that names what it does; afterwards, who to call back. */
interface Reopened {
  readonly leaveId: number
  readonly slots: number
  readonly callBack: readonly string[]
}

function ReopenButton({ leave, onReopened }: { leave: Leave; onReopened: (r: Reopened) => void }) {
  const { t } = useTranslation()
  const [confirming, setConfirming] = useState(false)
  const { run, busy, errorText } = useSubmit(
    () => reopenLeave({ id: leave.id }),
    (r) => {
      setConfirming(false)
      onReopened({
        leaveId: leave.id,
        slots: r.reopenedSlots,
        callBack: r.callBack.map((b) => `${b.patientName} ${b.patientPhone ?? ''}`.trim()),
      })
    },
  )
  return (
    <>
      <button
        type="button"
        className={confirming ? 'danger solid' : 'danger'}
        disabled={busy}
        onClick={() => (confirming ? void run() : setConfirming(true))}
        data-testid="reopen"
      >
        {confirming ? t('leaveManage.confirmReopen') : t('leaveManage.reopen')}
      </button>
      {confirming ? (
        <button type="button" onClick={() => setConfirming(false)}>
          {t('admin.cancel')}
        </button>
      ) : null}
      {errorText ? <span className="error">{errorText}</span> : null}
    </>
  )
}

/** Each doctor's leave from today on, live on leave.changed: dates, session, reason, what it closed. */
export function LeaveList({ onShow }: { onShow: (leaveId: number) => void }) {
  const { t } = useTranslation()
  const doctors = useDirectory((s) => s.doctors)
  const [leaves, setLeaves] = useState<readonly Leave[] | null>(null)
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [includeReopened, setIncludeReopened] = useState(false)
  const [bump, setBump] = useState(0)
  const [report, setReport] = useState<Reopened | null>(null)
  const reopened = (r: Reopened) => {
    setReport(r)
    onShow(r.leaveId)
  }
  const reload = useCallback(() => setBump((n) => n + 1), [])
  useEffect(() => onHostEvent('leave.changed', reload), [reload])
  useEffect(() => {
    let current = true
    void listLeave({ includeReopened }).then((r) => {
      if (!current) return
      setLeaves(r.ok ? r.value : null)
      setError(r.ok ? null : r.error)
    })
    return () => void (current = false)
  }, [includeReopened, bump])

  const name = (id: number) => doctors.find((d) => d.id === id)?.name ?? `#${id}`
  const list = leaves ?? []
  return (
    <section className="card no-print" data-testid="leave-list">
      <div className="card-head">
        <h2>{t('leaveManage.listTitle')}</h2>
        <label className="check">
          <input
            type="checkbox"
            checked={includeReopened}
            onChange={(e) => setIncludeReopened(e.target.checked)}
            name="showReopened"
          />
          <span>{t('leaveManage.showReopened')}</span>
        </label>
      </div>
      {report ? (
        <div className="report report-ok" role="status" data-testid="reopen-report">
          <p>{t('leaveManage.reopenedReport', { count: report.slots })}</p>
          {report.callBack.length > 0 ? (
            <p>
              {t('leaveManage.callBackCount', { count: report.callBack.length })}{' '}
              <strong>{report.callBack.join('、')}</strong>
            </p>
          ) : null}
        </div>
      ) : null}
      {error ? <p className="error">{errorSentence(error)}</p> : null}
      {leaves && list.length === 0 ? <p className="empty">{t('leaveManage.none')}</p> : null}
      {list.length > 0 ? (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('admin.sessions.doctor')}</th>
              <th>{t('leaveManage.dates')}</th>
              <th>{t('leaveManage.session')}</th>
              <th>{t('leaveManage.reason')}</th>
              <th />
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((l, i) => (
              <tr key={l.id} data-testid="leave-row" className={`leave-${l.state}`}>
                {/* Grouped by doctor: the name once, on the doctor's first row. */}
                <td>{i === 0 || list[i - 1]?.doctorId !== l.doctorId ? name(l.doctorId) : ''}</td>
                <td>{leaveDates(l, t('leaveManage.through'))}</td>
                <td>{t(`leaveManage.sessions.${l.session}`)}</td>
                <td>
                  {l.reason}
                  <div className="muted">
                    {t('leaveManage.counts', { slots: l.closedSlots, patients: l.affectedCount })}
                  </div>
                </td>
                <td>
                  <button type="button" onClick={() => onShow(l.id)} data-testid="show-patients">
                    {t('leaveManage.patients')}
                  </button>
                </td>
                <td className="actions">
                  {l.state === 'ACTIVE' ? (
                    <ReopenButton leave={l} onReopened={reopened} />
                  ) : (
                    <span className="muted">
                      {t('leaveManage.reopened', { by: l.reopenedBy ?? '' })}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
