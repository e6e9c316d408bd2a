import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ownFigures, type OwnFigures as Figures } from '../../shared/own-figures'
import { bridge } from '../api/bridge'
import { useDoctorQueue } from './stores/queue'

async function figures(from: string, to: string): Promise<Figures | null> {
  // A doctor's call is narrowed to themselves by the host (reports.summary's owner rule).
  const r = await bridge.call('reports.summary', { from, to, period: 'month' })
  return r.ok ? ownFigures(r.value) : null
}

/**
 * The doctor's own day and month beside the queue's counts: seen, no-shows and the median wait
 * (a median, as the reports define waits: one slow patient does not swing it). Re-read whenever
 * the queue on screen changes, so it follows the day.
 */
export function OwnFigures() {
  const { t } = useTranslation()
  const date = useDoctorQueue((s) => s.date)
  const rev = useDoctorQueue((s) => s.queue)
  const [day, setDay] = useState<Figures | null>(null)
  const [month, setMonth] = useState<Figures | null>(null)
  useEffect(() => {
    if (!date) return
    let live = true
    void Promise.all([figures(date, date), figures(`${date.slice(0, 8)}01`, date)]).then(
      ([d, m]) => {
        if (!live) return
        setDay(d)
        setMonth(m)
      },
    )
    return () => {
      live = false
    }
  }, [date, rev])
  const wait = (f: Figures | null) =>
    f?.waitMinutes == null ? '–' : t('doctor.own.minutes', { n: f.waitMinutes })
  return (
    <dl className="own-figures" data-testid="own-figures">
      <div data-testid="own-day-wait">
        <dt>{t('doctor.own.dayWait')}</dt>
        <dd>{wait(day)}</dd>
      </div>
      <div data-testid="own-month-seen">
        <dt>{t('doctor.own.monthSeen')}</dt>
        <dd>{month ? month.seen : '–'}</dd>
      </div>
      <div data-testid="own-month-noshow">
        <dt>{t('doctor.own.monthNoShow')}</dt>
        <dd>{month ? month.noShows : '–'}</dd>
      </div>
      <div data-testid="own-month-wait">
        <dt>{t('doctor.own.monthWait')}</dt>
        <dd>{wait(month)}</dd>
      </div>
    </dl>
  )
}
