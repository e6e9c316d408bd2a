import { useTranslation } from 'react-i18next'
import { AppShell } from '../components/AppShell'
import { DoctorList } from '../components/DoctorList'
import { AddDepartmentForm } from './AddDepartmentForm'
import { AddDoctorForm } from './AddDoctorForm'

export function AdminScreen() {
  const { t } = useTranslation()
  return (
    <AppShell title={t('screen.admin')}>
      <div className="two-col">
        <div className="stack">
          <AddDepartmentForm />
          <AddDoctorForm />
        </div>
        <DoctorList />
      </div>
    </AppShell>
  )
}
