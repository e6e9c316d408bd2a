import { useTranslation } from 'react-i18next'
import { AppShell } from '../components/AppShell'
import { DoctorList } from '../components/DoctorList'

export function ReceptionScreen() {
  const { t } = useTranslation()
  return (
    <AppShell title={t('screen.reception')}>
      <DoctorList />
    </AppShell>
  )
}
