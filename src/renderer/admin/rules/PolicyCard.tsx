import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { AppErrorShape } from '../../../shared/errors'
import { draftOf, policyOf, type PolicyDraft } from '../../../shared/policy/draft'
import { onHostEvent } from '../../api/host-action'
import { errorSentence } from '../../i18n'
import { readPolicy, updatePolicy } from '../stores/policy'
import { DepartmentLimits } from './DepartmentLimits'
import { ClockTimeInput } from '../../components/ClockTimeInput'

type Section = Exclude<keyof PolicyDraft, 'departments'>

/**
 * 预约规则: every rule of the booking policy with its own switch and figures, saved whole with
 * policy.update. Figures are not checked here: the host's refusal marks the field it names
 * (components/field-errors), so the screen and the host can never disagree on a limit.
 */
export function PolicyCard() {
  const { t } = useTranslation()
  // Keys built from a rule's name; a passed-around TFunction avoids TS2589 on the catalogue.
  const say = (key: string): string => (t as TFunction)(key, { defaultValue: key })
  const [draft, setDraft] = useState<PolicyDraft | null>(null)
  const [loadError, setLoadError] = useState<AppErrorShape | null>(null)
  const [saveError, setSaveError] = useState<AppErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(false)

  const reload = useCallback(() => {
    void readPolicy({}).then((r) => {
      if (r.ok) setDraft(draftOf(r.value))
      setLoadError(r.ok ? null : r.error)
    })
  }, [])
  useEffect(reload, [reload])
  // Another admin's save reaches this card without a reload.
  useEffect(() => onHostEvent('policy.changed', reload), [reload])

  if (loadError) return <p className="error">{errorSentence(loadError)}</p>
  if (!draft) return null

  const patch = <S extends Section>(s: S, change: Partial<PolicyDraft[S]>) => {
    setSaved(false)
    setDraft({ ...draft, [s]: { ...draft[s], ...change } })
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    setSaveError(null)
    void updatePolicy(policyOf(draft)).then((r) => {
      setBusy(false)
      if (r.ok) {
        setDraft(draftOf(r.value))
        setSaved(true)
      } else setSaveError(r.error)
    })
  }
  const figure = (s: Section, key: string, unit: string) => {
    const section = draft[s] as Record<string, unknown>
    return (
      <label className="setting policy-figure" key={`${s}.${key}`}>
        <span className="setting-label">{say(`admin.policy.${s}.${key}`)}</span>
        <span className="setting-input">
          <input
            type="number"
            name={`${s}.${key}`}
            value={String(section[key])}
            disabled={!section.enabled}
            onChange={(e) => patch(s, { [key]: e.target.value } as Partial<PolicyDraft[Section]>)}
          />
          <span className="unit">{say(`admin.policy.units.${unit}`)}</span>
        </span>
      </label>
    )
  }
  const time = (s: 'release' | 'cutoff', key: string) => {
    const section = draft[s] as Record<string, unknown>
    return (
      <label className="setting policy-figure" key={`${s}.${key}`}>
        <span className="setting-label">{say(`admin.policy.${s}.${key}`)}</span>
        <span className="setting-input">
          <ClockTimeInput
            name={`${s}.${key}`}
            value={String(section[key])}
            disabled={!section.enabled}
            onChange={(value) => patch(s, { [key]: value } as Partial<PolicyDraft[typeof s]>)}
          />
        </span>
      </label>
    )
  }
  const rule = (s: keyof PolicyDraft, body: ReactNode) => (
    <fieldset className="policy-rule" data-testid={`policy-${s}`}>
      <legend>
        <label className="check">
          <input
            type="checkbox"
            name={`${s}.enabled`}
            checked={draft[s].enabled}
            onChange={(e) => {
              setSaved(false)
              setDraft({ ...draft, [s]: { ...draft[s], enabled: e.target.checked } })
            }}
          />
          {say(`admin.policy.${s}.title`)}
        </label>
      </legend>
      <p className="setting-help">{say(`admin.policy.${s}.help`)}</p>
      {body}
    </fieldset>
  )

  return (
    <form className="card settings-form" onSubmit={onSubmit} data-testid="policy-form" noValidate>
      <h2>{t('admin.policy.title')}</h2>
      <p className="page-intro">{t('admin.policy.intro')}</p>
      {rule('release', [figure('release', 'daysAhead', 'days'), time('release', 'at')])}
      {rule('cutoff', [
        time('cutoff', 'morning'),
        time('cutoff', 'afternoon'),
        time('cutoff', 'evening'),
      ])}
      {rule('cancelDeadline', figure('cancelDeadline', 'hoursBefore', 'hours'))}
      {rule('maxLive', figure('maxLive', 'limit', 'bookings'))}
      {rule(
        'departments',
        <DepartmentLimits
          limits={draft.departments.limits}
          disabled={!draft.departments.enabled}
          onChange={(limits) => {
            setSaved(false)
            setDraft({ ...draft, departments: { ...draft.departments, limits } })
          }}
        />,
      )}
      {rule('noShow', figure('noShow', 'graceMinutes', 'minutes'))}
      {rule('suspension', [
        figure('suspension', 'count', 'times'),
        figure('suspension', 'withinDays', 'days'),
        figure('suspension', 'suspendDays', 'days'),
        <label className="check" key="late">
          <input
            type="checkbox"
            name="suspension.countLateCancels"
            checked={draft.suspension.countLateCancels}
            disabled={!draft.suspension.enabled}
            onChange={(e) => patch('suspension', { countLateCancels: e.target.checked })}
          />
          {t('admin.policy.suspension.countLateCancels')}
        </label>,
      ])}
      {saveError && !saveError.field ? <p className="error">{errorSentence(saveError)}</p> : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="save-policy">
          {t('admin.policy.save')}
        </button>
        <span className="form-message" aria-live="polite">
          {saved ? <span data-testid="policy-saved">{t('admin.policy.saved')}</span> : null}
          {saveError?.field ? <span className="error">{errorSentence(saveError)}</span> : null}
        </span>
      </div>
    </form>
  )
}
