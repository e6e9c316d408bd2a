import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { hostNow } from './stores/clinic'

/** Minutes:seconds left on this desk's hold, on the host's clock; calls onExpired once at zero. */
export function HoldCountdown({
  expiresAt,
  onExpired,
}: {
  expiresAt: string
  onExpired: () => void
}) {
  const { t } = useTranslation()
  const end = Date.parse(expiresAt)
  const [left, setLeft] = useState(() => end - hostNow())
  useEffect(() => {
    const tick = setInterval(() => setLeft(end - hostNow()), 500)
    return () => clearInterval(tick)
  }, [end])
  useEffect(() => {
    if (left <= 0) onExpired()
  }, [left <= 0]) // eslint-disable-line react-hooks/exhaustive-deps -- once, when it crosses zero
  const seconds = Math.max(0, Math.ceil(left / 1000))
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
  return (
    <span
      className={`rx-countdown${seconds <= 30 ? ' rx-countdown-low' : ''}`}
      data-testid="rx-countdown"
    >
      {t('reception.holdLeft', { time: text })}
    </span>
  )
}
