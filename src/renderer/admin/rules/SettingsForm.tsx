import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ClinicSettings, settingsMethods } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { updateSettings } from '../stores/settings'
import { useSubmit } from '../../components/useSubmit'
import { useClinicTime } from '../../stores/clinic-zone'
import { errorSentence } from '../../i18n'
import { useAdminSettings } from '../stores/settings'
import { FieldError, FormError } from '../common/FieldError'
import { checkInput, rangeOf } from '../common/validate'

export type SettingKey = keyof ClinicSettings
type Draft = Partial<ClinicSettings>

/** A number setting's input; its bounds come from the contract's schema. */
function NumberSetting({
  field,
  value,
  onChange,
  error,
}: {
  field: SettingKey
  value: number
  onChange: (v: number) => void
  error: AppErrorShape | null
}) {
  const { t } = useTranslation()
  const range = rangeOf(ClinicSettings.shape[field])
  return (
    <label className="setting">
      <span className="setting-label">{t(`admin.settings.${field}.label`)}</span>
      <span className="setting-input">
        <input
          type="number"
          name={field}
          value={Number.isNaN(value) ? '' : value}
          min={range?.min}
          max={range?.max}
          onChange={(e) => onChange(e.target.valueAsNumber)}
        />
        <span className="unit">{t(`admin.settings.${field}.unit`)}</span>
      </span>
      <span className="setting-help">{t(`admin.settings.${field}.help`)}</span>
      <FieldError
        error={error}
        field={field}
        text={range ? t('admin.invalidRange', { min: range.min, max: range.max }) : undefined}
      />
    </label>
  )
}

function BooleanSetting({
  field,
  value,
  onChange,
}: {
  field: SettingKey
  value: boolean
  onChange: (v: boolean) => void
}) {
  const { t } = useTranslation()
  return (
    <label className="setting setting-check">
      <span className="setting-input">
        <input
          type="checkbox"
          name={field}
          checked={value}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span className="setting-label">{t(`admin.settings.${field}.label`)}</span>
      </span>
      <span className="setting-help">{t(`admin.settings.${field}.help`)}</span>
    </label>
  )
}

function ChoiceSetting<T extends string>({
  field,
  value,
  options,
  onChange,
  label = (o) => o,
}: {
  field: SettingKey
  value: T
  options: readonly T[]
  onChange: (v: T) => void
  /** The words shown for an option (its value itself by default). */
  label?: (o: T) => string
}) {
  const { t } = useTranslation()
  return (
    <fieldset className="setting">
      <legend className="setting-label">{t(`admin.settings.${field}.label`)}</legend>
      <span className="setting-input choices">
        {options.map((o) => (
          <label key={o} className="check">
            <input
              type="radio"
              name={field}
              value={o}
              checked={value === o}
              onChange={() => onChange(o)}
            />
            <span>{label(o)}</span>
          </label>
        ))}
      </span>
      <span className="setting-help">{t(`admin.settings.${field}.help`)}</span>
    </fieldset>
  )
}

function TextSetting({
  field,
  value,
  onChange,
  error,
}: {
  field: SettingKey
  value: string
  onChange: (v: string) => void
  error: AppErrorShape | null
}) {
  const { t } = useTranslation()
  return (
    <label className="setting">
      <span className="setting-label">{t(`admin.settings.${field}.label`)}</span>
      <span className="setting-input">
        <input
          name={field}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          maxLength={100}
          className="wide"
        />
      </span>
      <span className="setting-help">{t(`admin.settings.${field}.help`)}</span>
      <FieldError error={error} field={field} />
    </label>
  )
}

/**
 * Edits some of the clinic's settings. Only changed keys are sent (settings.update keeps the
 * others), checked first against the contract's schema; a bad value is shown next to its field.
 */
export function SettingsForm({
  fields,
  testId,
}: {
  fields: readonly SettingKey[]
  testId: string
}) {
  const { t } = useTranslation()
  const { settings, error: loadError } = useAdminSettings()
  const clinicTime = useClinicTime()
  const [draft, setDraft] = useState<Draft>({})
  const [savedAt, setSavedAt] = useState<string | null>(null)
  const changes = Object.fromEntries(
    Object.entries(draft).filter(([k, v]) => settings && settings[k as SettingKey] !== v),
  ) as Draft
  const localError = checkInput(settingsMethods['settings.update'].input, changes)
  const {
    run,
    busy,
    error: hostError,
  } = useSubmit(
    () => updateSettings(changes),
    () => {
      setDraft({})
      setSavedAt(clinicTime(new Date(), 'time'))
    },
  )
  if (!settings)
    return loadError ? (
      <p className="error">{errorSentence(loadError)}</p>
    ) : (
      <p className="empty">…</p>
    )
  const error = localError ?? hostError
  const value = <K extends SettingKey>(k: K): ClinicSettings[K] =>
    k in draft ? (draft[k] as ClinicSettings[K]) : settings[k]
  const set = <K extends SettingKey>(k: K, v: ClinicSettings[K]) => {
    setSavedAt(null)
    setDraft((d) => ({ ...d, [k]: v }))
  }
  const dirty = Object.keys(changes).length > 0
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    if (dirty && !localError) void run()
  }
  return (
    <form className="card settings-form" onSubmit={onSubmit} data-testid={testId} noValidate>
      {fields.map((k) => {
        const v = value(k)
        if (typeof v === 'boolean')
          return <BooleanSetting key={k} field={k} value={v} onChange={(x) => set(k, x)} />
        if (typeof v === 'number')
          return (
            <NumberSetting key={k} field={k} value={v} onChange={(x) => set(k, x)} error={error} />
          )
        if (k === 'ticketPaper')
          return (
            <ChoiceSetting
              key={k}
              field={k}
              value={value('ticketPaper')}
              options={ClinicSettings.shape.ticketPaper.options}
              onChange={(x) => set('ticketPaper', x)}
            />
          )
        if (k === 'waitlistMode')
          return (
            <ChoiceSetting
              key={k}
              field={k}
              value={value('waitlistMode')}
              options={ClinicSettings.shape.waitlistMode.options}
              onChange={(x) => set('waitlistMode', x)}
              label={(o) => t(`admin.settings.waitlistMode.options.${o}`)}
            />
          )
        return <TextSetting key={k} field={k} value={v} onChange={(x) => set(k, x)} error={error} />
      })}
      <div className="form-actions">
        <button
          className="primary"
          disabled={busy || !dirty || localError !== null}
          data-testid="save-settings"
        >
          {t('admin.save')}
        </button>
        <button type="button" disabled={!dirty} onClick={() => setDraft({})}>
          {t('admin.settings.discard')}
        </button>
        <span className="form-message" aria-live="polite">
          <FormError error={error} fields={fields} />
          {savedAt && !error ? (
            <span data-testid="settings-saved">{t('admin.settings.saved', { time: savedAt })}</span>
          ) : null}
        </span>
      </div>
    </form>
  )
}
