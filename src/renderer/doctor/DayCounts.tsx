import { useTranslation } from 'react-i18next'
import { useDoctorQueue } from './stores/queue'

const SHOWN = ['waiting', 'notArrived', 'seen', 'noShow'] as const

/** The day at a glance: how many wait, have not come yet, were seen, never came. */
export function DayCounts() {
  const { t } = useTranslation()
  const counts = useDoctorQueue((s) => s.queue?.counts)
  return (
    <dl className="day-counts" data-testid="day-counts">
      {SHOWN.map((key) => (
        <div key={key} className={`count count-${key}`} data-testid={`count-${key}`}>
          <dt>{t(`doctor.counts.${key}`)}</dt>
          <dd>{counts ? counts[key] : '–'}</dd>
        </div>
      ))}
    </dl>
  )
}
