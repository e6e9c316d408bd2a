import { useTranslation } from 'react-i18next'
import { connection } from '../stores/connection'

/** Connected / reconnecting, always visible: a receptionist must know when the screen is stale. */
export function ConnectionBadge() {
  const status = connection((s) => s.status)
  const { t } = useTranslation()
  return (
    <span
      className={`badge badge-${status}`}
      role="status"
      data-testid="connection"
      data-status={status}
    >
      <span className="dot" aria-hidden="true" />
      {t(`connection.${status}`)}
    </span>
  )
}
