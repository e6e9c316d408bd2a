import { Fragment, useCallback, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SuspendedPatient } from '../../../shared/contract/policy'
import { onHostEvent } from '../../api/host-action'
import { errorSentence } from '../../i18n'
import { liftSuspension, listSuspended } from '../stores/policy'

/**
 * 停约患者: whose phone booking is suspended for 爽约 today, with why and until when, and 解除
 * (policy.liftSuspension) with a reason the audit keeps. Live: a lift, a booking change or a
 * policy change re-reads the list; the desk's patient card follows the same lift event.
 */
export function SuspendedList() {
  const { t } = useTranslation()
  const [rows, setRows] = useState<readonly SuspendedPatient[] | null>(null)
  const [open, setOpen] = useState<number | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const reload = useCallback(() => {
    void listSuspended({}).then((r) => r.ok && setRows(r.value))
  }, [])
  useEffect(reload, [reload])
  useEffect(() => onHostEvent('policy.suspensionLifted', reload), [reload])
  useEffect(() => onHostEvent('appointments.changed', reload), [reload])
  useEffect(() => onHostEvent('policy.changed', reload), [reload])

  const start = (patientId: number) => {
    setOpen(patientId)
    setReason('')
    setError(null)
  }
  const submit = async (e: FormEvent, patientId: number) => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    const r = await liftSuspension({ patientId, reason: reason.trim() })
    setBusy(false)
    if (r.ok) setOpen(null)
    setError(r.ok ? null : errorSentence(r.error))
    reload()
  }

  // Only the kinds that happened: "爽约 2 次", not "爽约 2 次，逾时退号 0 次".
  const counts = (p: SuspendedPatient): string =>
    [
      p.noShows > 0 ? t('admin.suspended.noShows', { count: p.noShows }) : null,
      p.lateCancels > 0 ? t('admin.suspended.lateCancels', { count: p.lateCancels }) : null,
    ]
      .filter((x) => x !== null)
      .join(' · ')

  if (rows === null) return null
  return (
    <section className="card" data-testid="suspended-list">
      <h2>{t('admin.suspended.title')}</h2>
      <p className="muted">{t('admin.suspended.intro')}</p>
      {rows.length === 0 ? (
        <p className="muted" data-testid="suspended-none">
          {t('admin.suspended.none')}
        </p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('admin.suspended.patient')}</th>
              <th>{t('admin.suspended.reason')}</th>
              <th>{t('admin.suspended.since')}</th>
              <th>{t('admin.suspended.until')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <Fragment key={p.patientId}>
                <tr data-patient={p.patientId}>
                  <td>
                    {p.name}
                    {p.phone ? <div className="muted">{p.phone}</div> : null}
                  </td>
                  <td className="nowrap">{counts(p)}</td>
                  <td className="mono">{p.since}</td>
                  <td className="mono">{p.until}</td>
                  <td className="actions">
                    {open === p.patientId ? null : (
                      <button type="button" data-action="lift" onClick={() => start(p.patientId)}>
                        {t('admin.suspended.lift')}
                      </button>
                    )}
                  </td>
                </tr>
                {open === p.patientId ? (
                  // The reason box gets a row of its own under the patient, wide enough to type in.
                  <tr data-lift={p.patientId}>
                    <td colSpan={5}>
                      <form className="lift-form" onSubmit={(e) => void submit(e, p.patientId)}>
                        <input
                          name="reason"
                          value={reason}
                          autoFocus
                          placeholder={t('admin.suspended.reasonPlaceholder', { name: p.name })}
                          aria-label={t('admin.suspended.liftReason')}
                          onChange={(e) => setReason(e.target.value)}
                        />
                        <button
                          type="submit"
                          className="primary"
                          disabled={busy || reason.trim() === ''}
                          data-action="confirm-lift"
                        >
                          {t('admin.suspended.confirm')}
                        </button>
                        <button type="button" onClick={() => setOpen(null)}>
                          {t('admin.suspended.cancel')}
                        </button>
                      </form>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {error ? <p className="error">{error}</p> : null}
    </section>
  )
}
