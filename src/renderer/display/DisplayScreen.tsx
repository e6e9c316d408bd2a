import { useTranslation } from 'react-i18next'
import { ConnectionBadge } from '../components/ConnectionBadge'

export function DisplayScreen() {
  const { t } = useTranslation()
  return (
    <div className="display">
      <header>
        <h1>{t('screen.display')}</h1>
        <ConnectionBadge />
      </header>
      <p className="empty">{t('placeholder.comingSoon')}</p>
    </div>
  )
}
