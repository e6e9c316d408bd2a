import { useTranslation } from 'react-i18next'
import { LANGUAGES, setLanguage, type Language } from '../../i18n'
import { BackupPanel } from './BackupPanel'
import { SettingsForm } from './SettingsForm'
import { TimeZoneCard } from './TimeZoneCard'

/**
 * 设置: clinic-wide preferences. The language is this screen's own (each desk picks its own),
 * so it is set here at once and not saved with the clinic's settings.
 */
export function SettingsPage() {
  const { t, i18n } = useTranslation()
  return (
    <div className="stack narrow">
      <section className="card settings-form">
        <fieldset className="setting">
          <legend className="setting-label">{t('language.label')}</legend>
          <span className="setting-input choices">
            {LANGUAGES.map((l) => (
              <label key={l} className="check">
                <input
                  type="radio"
                  name="screenLanguage"
                  checked={i18n.language === l}
                  onChange={() => setLanguage(l as Language)}
                />
                <span>{t(`language.${l}`)}</span>
              </label>
            ))}
          </span>
          <span className="setting-help">{t('admin.settings.languageHelp')}</span>
        </fieldset>
      </section>
      <SettingsForm
        testId="settings-form"
        fields={[
          'clinicName',
          'ticketPaper',
          'idleLockMinutes',
          'displayWithoutLogin',
          'chargeAtCheckIn',
        ]}
      />
      <TimeZoneCard />
      <BackupPanel />
    </div>
  )
}
