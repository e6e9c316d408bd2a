import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorSentence } from '../../i18n'
import { useDirectory } from '../../stores/directory'
import { DoctorSelect } from '../common/DoctorSelect'
import { cancelAll, moveAll, type Outcome } from './bulk-actions'
import type { ClosedDay } from './CloseDayForm'
import { OutcomeReport } from './OutcomeReport'
import { useAffected } from './useAffected'

/**
 * The patients a 停诊 leaves without a doctor, to call and then cancel or move in bulk to another
 * doctor of the same department on the same day.
 */
export function AffectedPatients({ day }: { day: ClosedDay }) {
  const { t } = useTranslation()
  const doctors = useDirectory((s) => s.doctors)
  const doctor = doctors.find((d) => d.id === day.doctorId)
  const { appointments, error, reload } = useAffected(day.doctorId, day.date, day.affectedIds)
  const [unselected, setUnselected] = useState<ReadonlySet<number>>(new Set())
  const [target, setTarget] = useState('')
  const [cancelReason, setCancelReason] = useState(() =>
    t('admin.leave.cancelReasonDefault', { reason: day.reason }),
  )
  const [busy, setBusy] = useState(false)
  const [report, setReport] = useState<{
    kind: 'move' | 'cancel'
    outcomes: readonly Outcome[]
  } | null>(null)

  const list = appointments ?? []
  const selected = list.filter((a) => !unselected.has(a.id))
  const toggle = (id: number, on: boolean) =>
    setUnselected((s) => {
      const next = new Set(s)
      if (on) next.delete(id)
      else next.add(id)
      return next
    })
  const act = async (kind: 'move' | 'cancel') => {
    if (busy || selected.length === 0) return
    setBusy(true)
    try {
      const outcomes =
        kind === 'move'
          ? await moveAll(selected, Number(target), day.date)
          : await cancelAll(selected, cancelReason)
      setReport({ kind, outcomes })
    } finally {
      setBusy(false)
      reload()
    }
  }

  return (
    <section className="card" data-testid="affected">
      <h2>
        {t('admin.leave.affectedTitle', { doctor: doctor?.name ?? '', date: day.date })}{' '}
        <span className="muted">
          {/* Closing an already closed day closes nothing new: say so rather than "0 bands closed". */}
          {day.closedSlots > 0
            ? t('admin.leave.closedSlots', { count: day.closedSlots })
            : t('admin.leave.alreadyClosed')}
        </span>
      </h2>
      {error ? <p className="error">{errorSentence(error)}</p> : null}
      {report ? <OutcomeReport kind={report.kind} outcomes={report.outcomes} /> : null}
      {appointments && list.length === 0 ? (
        <p className="empty" data-testid="affected-none">
          {t('admin.leave.noneAffected')}
        </p>
      ) : null}
      {list.length > 0 ? (
        <>
          <table className="grid" data-testid="affected-table">
            <thead>
              <tr>
                <th>
                  <input
                    type="checkbox"
                    aria-label={t('admin.leave.selectAll')}
                    checked={selected.length === list.length}
                    onChange={(e) =>
                      setUnselected(e.target.checked ? new Set() : new Set(list.map((a) => a.id)))
                    }
                  />
                </th>
                <th>{t('admin.leave.band')}</th>
                <th className="num">{t('admin.leave.queueNo')}</th>
                <th>{t('admin.leave.patient')}</th>
                <th>{t('admin.leave.phone')}</th>
                <th>{t('admin.leave.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id} data-testid="affected-row">
                  <td>
                    <input
                      type="checkbox"
                      checked={!unselected.has(a.id)}
                      onChange={(e) => toggle(a.id, e.target.checked)}
                      aria-label={a.patientName}
                    />
                  </td>
                  <td>
                    {a.startTime}–{a.endTime}
                  </td>
                  <td className="num">{a.queueNo}</td>
                  <td>{a.patientName}</td>
                  <td>{a.patientPhone ?? '—'}</td>
                  <td>{t(`admin.leave.statuses.${a.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="bulk-actions">
            <div className="bulk-action" data-testid="bulk-move">
              <h3>{t('admin.leave.moveTitle')}</h3>
              <label>
                <span>{t('admin.leave.targetDoctor')}</span>
                <DoctorSelect
                  value={target}
                  onChange={setTarget}
                  name="targetDoctor"
                  only={(d) =>
                    d.active && d.id !== day.doctorId && d.departmentId === doctor?.departmentId
                  }
                />
              </label>
              <p className="hint">{t('admin.leave.moveHint')}</p>
              <button
                type="button"
                className="primary"
                disabled={busy || !target || selected.length === 0}
                onClick={() => void act('move')}
              >
                {t('admin.leave.moveSelected', { count: selected.length })}
              </button>
            </div>
            <div className="bulk-action" data-testid="bulk-cancel">
              <h3>{t('admin.leave.cancelTitle')}</h3>
              <label>
                <span>{t('admin.leave.cancelReason')}</span>
                <input
                  value={cancelReason}
                  onChange={(e) => setCancelReason(e.target.value)}
                  maxLength={200}
                  name="cancelReason"
                />
              </label>
              <button
                type="button"
                className="danger"
                disabled={busy || !cancelReason.trim() || selected.length === 0}
                onClick={() => void act('cancel')}
              >
                {t('admin.leave.cancelSelected', { count: selected.length })}
              </button>
            </div>
          </div>
        </>
      ) : null}
    </section>
  )
}
