import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

/** The time of day, large: patients glance at it while they wait. */
export function Clock() {
  const { i18n } = useTranslation()
  const [now, setNow] = useState(() => new Date())
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 10_000)
    return () => clearInterval(timer)
  }, [])
  return (
    <time className="display-clock">
      {now.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })}
    </time>
  )
}
