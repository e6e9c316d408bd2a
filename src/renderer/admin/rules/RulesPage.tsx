import { useTranslation } from 'react-i18next'
import { PolicyCard } from './PolicyCard'
import { SettingsForm } from './SettingsForm'
import { SuspendedList } from './SuspendedList'

/** 预约规则: what the booking engine enforces at every desk. */
export function RulesPage() {
  const { t } = useTranslation()
  return (
    <div className="stack narrow">
      <p className="page-intro">{t('admin.rules.intro')}</p>
      <SettingsForm
        testId="rules-form"
        fields={[
          'horizonDays',
          'minNoticeMinutes',
          'holdMinutes',
          'onePerDoctorPerDay',
          'skipBackPlaces',
          'skipLimit',
          'archiveAfterDays',
          'waitlistMode',
          'waitlistOfferMinutes',
        ]}
      />
      <PolicyCard />
      <SuspendedList />
    </div>
  )
}
