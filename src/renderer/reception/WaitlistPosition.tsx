import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { WaitlistEntry } from '../../shared/contract'
import { useDirectory } from '../stores/directory'
import { onWaitlistChanged, waitlistOfPatient } from './stores/waitlist'
import './waitlist.css'

/**
 * The patient card's 候补: where the patient stands in each line they wait in (what the desk
 * tells them on the phone), or that a place is held for them. Nothing while they wait nowhere.
 * Live on waitlist.changed.
 */
export function WaitlistPosition({ patientId }: { patientId: number }) {
  const { t } = useTranslation()
  const doctors = useDirectory((s) => s.doctors)
  const [entries, setEntries] = useState<readonly WaitlistEntry[]>([])
  useEffect(() => {
    let alive = true
    const load = () =>
      void waitlistOfPatient({ patientId }).then((r) => alive && r.ok && setEntries(r.value))
    load()
    const off = onWaitlistChanged(load)
    return () => {
      alive = false
      off()
    }
  }, [patientId])
  if (entries.length === 0) return null
  return (
    <section className="rx-card-section" data-section="waitlist" data-testid="rx-card-waitlist">
      <h3>{t('waitlist.patientCard')}</h3>
      <ul className="rx-wl-positions">
        {entries.map((e) => (
          <li key={e.id} data-testid="rx-card-waitlist-entry">
            {t('waitlist.patientLine', {
              doctor: doctors.find((d) => d.id === e.doctorId)?.name ?? '',
              date: e.date,
              position: e.position,
            })}
            {e.offer ? (
              <span className="rx-wl-offered">
                {t('waitlist.offered')} {e.offer.startTime}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
