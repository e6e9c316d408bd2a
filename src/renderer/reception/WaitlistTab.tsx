import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { WaitlistEntry } from '../../shared/contract'
import type { AppErrorShape } from '../../shared/errors'
import { errorSentence } from '../i18n'
import { useClinicTime } from '../stores/clinic-zone'
import { useDirectory } from '../stores/directory'
import { useBooking } from './stores/booking'
import { useDesk } from './stores/desk'
import {
  acceptOffer,
  addToWaitlist,
  declineOffer,
  cancelWaitlist,
  listCallBacks,
  listWaitlist,
  markCalledBack,
  onWaitlistChanged,
} from './stores/waitlist'
import './waitlist.css'

/**
 * 候补 at the desk: the chosen doctor-day's line with positions, a "候补" button for the patient
 * being booked (the host answers NOT_FULL while a place is free), and the call-back list: places
 * held for a patient in offer mode (候补待确认: phone, deadline, 约上 / 放弃), then patients booked
 * from a line (候补成功) with their phone. Live on waitlist.changed.
 */
export function WaitlistTab() {
  const { t } = useTranslation()
  const clinicTime = useClinicTime()
  const doctorId = useDesk((s) => s.doctorId)
  const date = useDesk((s) => s.date)
  const patient = useBooking((s) => s.patient)
  const doctors = useDirectory((s) => s.doctors)
  // Keyed by doctor-day: an answer for a day no longer shown is not shown.
  const [lineOf, setLine] = useState<{ key: string; rows: readonly WaitlistEntry[] }>({
    key: '',
    rows: [],
  })
  const [calls, setCalls] = useState<readonly WaitlistEntry[]>([])
  const [error, setError] = useState<AppErrorShape | null>(null)
  const [tick, setTick] = useState(0)
  const reload = useCallback(() => setTick((n) => n + 1), [])

  useEffect(() => onWaitlistChanged(reload), [reload])
  useEffect(() => {
    let current = true
    void listCallBacks({}).then((r) => current && r.ok && setCalls(r.value))
    if (doctorId !== null && date)
      void listWaitlist({ doctorId, date }).then(
        (r) => current && r.ok && setLine({ key: `${doctorId}@${date}`, rows: r.value }),
      )
    return () => void (current = false)
  }, [doctorId, date, tick])

  const join = async () => {
    if (doctorId === null || !patient) return
    const r = await addToWaitlist({
      patientId: patient.id,
      doctorId,
      date,
    })
    setError(r.ok ? null : r.error)
    reload()
  }
  const leave = async (id: number) => {
    const r = await cancelWaitlist({ id, reason: t('waitlist.cancelReason') })
    setError(r.ok ? null : r.error)
    reload()
  }
  const called = async (id: number) => {
    const r = await markCalledBack({ id })
    setError(r.ok ? null : r.error)
    reload()
  }
  const accept = async (id: number) => {
    const r = await acceptOffer({ id })
    setError(r.ok ? null : r.error)
    reload()
  }
  const decline = async (id: number) => {
    const r = await declineOffer({ id, reason: t('waitlist.declineReason') })
    setError(r.ok ? null : r.error)
    reload()
  }
  const line = lineOf.key === `${doctorId}@${date}` ? lineOf.rows : []
  const doctorName = (id: number) => doctors.find((d) => d.id === id)?.name ?? ''

  return (
    <section className="rx-waitlist card" data-testid="rx-waitlist">
      <header className="rx-waitlist-head">
        <h2>
          {t('waitlist.title', {
            doctor: doctorId !== null ? doctorName(doctorId) : '—',
            date: date || '—',
          })}
        </h2>
        <button
          type="button"
          className="primary"
          disabled={doctorId === null || !patient}
          onClick={() => void join()}
          data-testid="rx-waitlist-add"
        >
          {t('waitlist.add')}
          {patient ? ` · ${patient.name}` : ''}
        </button>
      </header>
      {doctorId === null ? <p className="muted">{t('waitlist.pickDoctor')}</p> : null}
      {!patient ? <p className="muted">{t('waitlist.pickPatient')}</p> : null}
      {error ? (
        <p className="rx-banner rx-banner-error" role="alert" data-testid="rx-waitlist-error">
          {errorSentence(error)}
        </p>
      ) : null}
      <table className="rx-wl-table" data-testid="rx-waitlist-line">
        <thead>
          <tr>
            <th>{t('waitlist.position')}</th>
            <th>{t('waitlist.patient')}</th>
            <th>{t('waitlist.phone')}</th>
            <th>{t('waitlist.bands')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {line.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                {t('waitlist.empty')}
              </td>
            </tr>
          ) : (
            line.map((e) => (
              <tr key={e.id} data-testid="rx-waitlist-entry">
                <td>{e.position}</td>
                <td>
                  {e.patientName}
                  {e.offer ? (
                    <span className="rx-wl-offered" data-testid="rx-waitlist-offered">
                      {t('waitlist.offered')} {e.offer.startTime}
                    </span>
                  ) : null}
                </td>
                <td className="rx-mono">{e.phone}</td>
                <td>
                  {e.slotIds.length === 0 ? t('waitlist.anyBand') : e.slotIds.length}
                  <span className="muted"> · {t('waitlist.until', { at: e.expiresAt })}</span>
                </td>
                <td>
                  {e.offer ? null : (
                    <button type="button" className="rx-link" onClick={() => void leave(e.id)}>
                      {t('waitlist.cancel')}
                    </button>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <h3>{t('waitlist.callBacks')}</h3>
      <table className="rx-wl-table" data-testid="rx-waitlist-callbacks">
        <tbody>
          {calls.length === 0 ? (
            <tr>
              <td className="muted">{t('waitlist.noCallBacks')}</td>
            </tr>
          ) : (
            calls.map((e) =>
              e.offer ? (
                <tr key={e.id} data-testid="rx-offer-entry" className="rx-wl-offer-row">
                  <td>
                    <strong className="rx-wl-offered">{t('waitlist.offered')}</strong>
                  </td>
                  <td>{e.patientName}</td>
                  <td className="rx-mono">{e.phone}</td>
                  <td>
                    {doctorName(e.doctorId)} {e.date} {e.offer.startTime}
                    <span className="muted">
                      {' '}
                      · {t('waitlist.offerUntil', { at: clinicTime(e.offer.deadline, 'clock') })}
                    </span>
                  </td>
                  <td>
                    <span className="rx-wl-actions">
                      <button
                        type="button"
                        className="primary"
                        onClick={() => void accept(e.id)}
                        data-testid="rx-offer-accept"
                      >
                        {t('waitlist.accept')}
                      </button>
                      <button
                        type="button"
                        onClick={() => void decline(e.id)}
                        data-testid="rx-offer-decline"
                      >
                        {t('waitlist.decline')}
                      </button>
                    </span>
                  </td>
                </tr>
              ) : (
                <tr key={e.id} data-testid="rx-callback-entry">
                  <td>
                    <strong className="rx-ok">{t('waitlist.success')}</strong>
                  </td>
                  <td>{e.patientName}</td>
                  <td className="rx-mono">{e.phone}</td>
                  <td>
                    {doctorName(e.doctorId)} {e.date} {e.bookedStartTime}
                  </td>
                  <td>
                    <button type="button" className="rx-link" onClick={() => void called(e.id)}>
                      {t('waitlist.calledBack')}
                    </button>
                  </td>
                </tr>
              ),
            )
          )}
        </tbody>
      </table>
    </section>
  )
}
