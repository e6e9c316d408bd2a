import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppErrorShape } from '../../shared/errors'
import { bridge } from '../api/bridge'
import { Dialog } from '../components/Dialog'
import { errorSentence } from '../i18n'
import { isReadOnly, reloadQueue, useDoctorQueue } from './stores/queue'
import './close-session.css'

/**
 * 结束出诊: the doctor ends today's session (queue.closeSession: whoever never arrived becomes
 * NO_SHOW), then sees the day's counts and its no-show list, printable on A4 to hand in.
 */
export function CloseSession() {
  const { t } = useTranslation()
  const doctorId = useDoctorQueue((s) => s.doctorId)
  const date = useDoctorQueue((s) => s.date)
  const readOnly = useDoctorQueue(isReadOnly)
  const queue = useDoctorQueue((s) => s.queue)
  const [step, setStep] = useState<'closed' | 'confirm' | 'done'>('closed')
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  if (doctorId === null || date === null || readOnly) return null

  const close = async () => {
    setBusy(true)
    setError(null)
    const r = await bridge.call('queue.closeSession', { doctorId, date })
    setBusy(false)
    if (!r.ok) return setError(r.error)
    await reloadQueue()
    setStep('done')
  }
  const noShows = (queue?.entries ?? []).filter((e) => e.status === 'NO_SHOW')
  // Whom queue.closeSession marks: never arrived, or skipped (过号) and not back.
  const toMark = (queue?.entries ?? []).filter((e) =>
    ['PENDING', 'CONFIRMED', 'SKIPPED'].includes(e.status),
  ).length
  return (
    <>
      <button
        type="button"
        onClick={() => (setError(null), setStep('confirm'))}
        data-testid="close-session-open"
      >
        {t('doctor.closeSession.open')}
      </button>
      {step === 'confirm' ? (
        <Dialog
          title={t('doctor.closeSession.open')}
          onClose={() => setStep('closed')}
          testId="close-session-confirm"
        >
          <p>{t('doctor.closeSession.explain', { n: toMark })}</p>
          {error ? (
            <p className="error" role="alert">
              {errorSentence(error)}
            </p>
          ) : null}
          <div className="close-session-actions">
            <button type="button" onClick={() => setStep('closed')}>
              {t('doctor.closeSession.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void close()}
              data-testid="close-session-confirm-button"
            >
              {t('doctor.closeSession.confirm')}
            </button>
          </div>
        </Dialog>
      ) : null}
      {step === 'done' && queue ? (
        <Dialog
          title={t('doctor.closeSession.title', { date })}
          onClose={() => setStep('closed')}
          testId="close-session-report"
          wide
        >
          <div className="session-print-area">
            <h3 className="print-only">{t('doctor.closeSession.title', { date })}</h3>
            <dl className="session-counts" data-testid="session-counts">
              {(['seen', 'waiting', 'notArrived', 'noShow'] as const).map((key) => (
                <div key={key} data-testid={`session-count-${key}`}>
                  <dt>{t(`doctor.counts.${key}`)}</dt>
                  <dd>{queue.counts[key]}</dd>
                </div>
              ))}
            </dl>
            <h4>{t('doctor.closeSession.noShows')}</h4>
            {noShows.length === 0 ? (
              <p className="muted">{t('doctor.closeSession.none')}</p>
            ) : (
              <table className="grid" data-testid="session-no-shows">
                <thead>
                  <tr>
                    <th>{t('doctor.columns.no')}</th>
                    <th>{t('doctor.columns.band')}</th>
                    <th>{t('doctor.columns.name')}</th>
                  </tr>
                </thead>
                <tbody>
                  {noShows.map((e) => (
                    <tr key={e.id}>
                      <td>{e.queueNo}</td>
                      <td>
                        {e.startTime}–{e.endTime}
                      </td>
                      <td>{e.patientName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <div className="close-session-actions no-print">
            <button type="button" onClick={() => setStep('closed')}>
              {t('doctor.closeSession.dismiss')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => window.print()}
              data-testid="close-session-print"
            >
              {t('doctor.closeSession.print')}
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  )
}
