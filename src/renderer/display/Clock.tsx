import { useEffect, useState } from 'react'
import { useClinicTime } from '../stores/clinic-zone'

/** The time of day in the clinic's zone (not the display PC's), large: patients glance at it while they wait. */
export function Clock() {
  const clinicTime = useClinicTime()
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 10_000)
    return () => clearInterval(timer)
  }, [])
  return (
    <time className="display-clock" data-testid="display-clock">
      {clinicTime(now, 'clock')}
    </time>
  )
}
