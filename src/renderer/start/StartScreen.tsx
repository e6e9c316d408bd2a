import { useTranslation } from 'react-i18next'
import { AppShell } from '../components/AppShell'
import { useDirectory } from '../stores/directory'

/** DEVELOPMENT CONVENIENCE until staff login: pick this computer's screen. Loopback only (the host refuses others). */
export function StartScreen() {
  const { t } = useTranslation()
  const doctors = useDirectory((s) => s.doctors)
  return (
    <AppShell title={t('start.title')}>
      <p className="dev-note" data-testid="dev-note">
        {t('start.devNote')}
      </p>
      <nav className="screen-links">
        <a href="./reception.html">{t('screen.reception')}</a>
        <a href="./display.html">{t('screen.display')}</a>
        <a href="./admin.html">{t('screen.admin')}</a>
        {doctors.map((d) => (
          <a key={d.id} href={`./doctor.html?doctor=${d.id}`}>
            {t('start.doctorRoom', { name: d.name })}
          </a>
        ))}
      </nav>
    </AppShell>
  )
}
