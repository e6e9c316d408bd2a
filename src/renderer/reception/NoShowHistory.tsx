import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { NoShowRecord } from '../../shared/contract/policy'
import { bridge } from '../api/bridge'

/**
 * The patient card's 爽约 history (policy.record): the suspension in force with the day it ends,
 * then no-shows, late cancels, suspensions and lifts, newest first. Live: re-read when a lift
 * or a booking change is published.
 */
export function NoShowHistory({ patientId }: { patientId: number }) {
  const { t } = useTranslation()
  const [record, setRecord] = useState<NoShowRecord | null>(null)
  useEffect(() => {
    let alive = true
    const load = () =>
      void bridge.call('policy.record', { patientId }).then((r) => {
        if (alive && r.ok) setRecord(r.value)
      })
    load()
    const offLift = bridge.on('policy.suspensionLifted', (e) => e.patientId === patientId && load())
    const offBookings = bridge.on('appointments.changed', () => load())
    return () => {
      alive = false
      offLift()
      offBookings()
    }
  }, [patientId])
  if (!record) return null
  return (
    <section className="rx-card-section" data-section="noShowHistory" data-testid="rx-noshow">
      <h3>
        {t('patientDesk.noShowHistory')} <span className="rx-count">{record.events.length}</span>
      </h3>
      {record.suspendedUntil ? (
        <p className="rx-banner" role="status" data-testid="rx-suspended">
          {t('patientDesk.suspendedUntil', { date: record.suspendedUntil })}
        </p>
      ) : null}
      {record.events.length === 0 ? (
        <p className="muted">{t('patientDesk.none')}</p>
      ) : (
        <ul>
          {record.events.map((e, i) => (
            <li key={`${e.kind}-${e.appointmentId ?? i}`} data-kind={e.kind}>
              <span className="rx-mono">
                {e.date}
                {e.until ? ` → ${e.until}` : ''}
              </span>
              <span>{t(`patientDesk.noShowKind.${e.kind}`)}</span>
              {e.reason ? <span className="muted rx-ellipsis">{e.reason}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
