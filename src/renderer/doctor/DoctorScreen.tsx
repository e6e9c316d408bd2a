import { useTranslation } from 'react-i18next'
import { AppShell } from '../components/AppShell'
import { useDirectory } from '../stores/directory'

const doctorId = Number(new URLSearchParams(location.search).get('doctor'))

export function DoctorScreen() {
  const { t } = useTranslation()
  const doctor = useDirectory((s) => s.doctors.find((d) => d.id === doctorId))
  return (
    <AppShell title={t('screen.doctor')} subtitle={doctor ? `${doctor.name} ${doctor.title}` : undefined}>
      <p className="empty">{t('placeholder.comingSoon')}</p>
    </AppShell>
  )
}
