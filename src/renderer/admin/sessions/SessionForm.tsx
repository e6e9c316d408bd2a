import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { scheduleMethods, type ScheduleTemplate } from '../../../shared/contract'
import { ok, type Result } from '../../../shared/errors'
import { saveTemplate } from '../stores/templates'
import { useSubmit } from '../../components/useSubmit'
import { FieldError, FormError } from '../common/FieldError'
import { checkInput } from '../common/validate'
import { WEEKDAYS, weekdayKey } from '../common/weekdays'
import { BandPreview } from './BandPreview'
import { overlaps } from './bands'
import { ClockTimeInput } from '../../components/ClockTimeInput'

interface Draft {
  readonly id?: number
  readonly weekdays: readonly number[]
  readonly startTime: string
  readonly endTime: string
  readonly slotMinutes: number
  readonly quotaPerSlot: number
  readonly walkInPerSlot: number
}

/** The two sessions most clinics run; the admin starts from one and adjusts. */
const PRESETS = {
  morning: { startTime: '08:00', endTime: '12:00' },
  afternoon: { startTime: '14:00', endTime: '17:30' },
} as const

export const newDraft = (): Draft => ({
  weekdays: [1, 2, 3, 4, 5],
  ...PRESETS.morning,
  slotMinutes: 30,
  quotaPerSlot: 4,
  walkInPerSlot: 1,
})

export const draftOf = (t: ScheduleTemplate): Draft => ({
  id: t.id,
  weekdays: [t.weekday],
  startTime: t.startTime,
  endTime: t.endTime,
  slotMinutes: t.slotMinutes,
  quotaPerSlot: t.quotaPerSlot,
  walkInPerSlot: t.walkInPerSlot,
})

const FIELDS = [
  'weekday',
  'startTime',
  'endTime',
  'slotMinutes',
  'quotaPerSlot',
  'walkInPerSlot',
] as const

/**
 * Adds (on several weekdays at once) or edits one weekly session, previewing its bands live.
 * The contract's schema checks the draft before sending; overlaps with the doctor's other
 * sessions are caught here too so the admin sees which one.
 */
export function SessionForm({
  doctorId,
  initial,
  existing,
  onDone,
}: {
  doctorId: number
  initial: Draft
  existing: readonly ScheduleTemplate[]
  onDone: () => void
}) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(initial)
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }))
  const editing = draft.id !== undefined
  const inputs = draft.weekdays.map((weekday) => ({
    ...(draft.id !== undefined ? { id: draft.id } : {}),
    doctorId,
    weekday,
    startTime: draft.startTime,
    endTime: draft.endTime,
    slotMinutes: draft.slotMinutes,
    quotaPerSlot: draft.quotaPerSlot,
    walkInPerSlot: draft.walkInPerSlot,
  }))
  const schemaError =
    inputs.length === 0 ? null : checkInput(scheduleMethods['templates.save'].input, inputs[0])
  const walkInTooMany = draft.walkInPerSlot > draft.quotaPerSlot
  const endBeforeStart = draft.endTime <= draft.startTime
  const clash = existing.find(
    (e) => e.id !== draft.id && draft.weekdays.includes(e.weekday) && overlaps(e, draft),
  )

  const { run, busy, error } = useSubmit(async (): Promise<Result<number>> => {
    for (const input of inputs) {
      const result = await saveTemplate(input)
      if (!result.ok) return result
    }
    return ok(inputs.length)
  }, onDone)

  const blocked =
    inputs.length === 0 ||
    schemaError !== null ||
    walkInTooMany ||
    endBeforeStart ||
    clash !== undefined
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    if (!blocked) void run()
  }
  const shownError = error ?? schemaError
  const numberField = (
    field: 'slotMinutes' | 'quotaPerSlot' | 'walkInPerSlot',
    min: number,
    max: number,
  ) => (
    <label>
      <span>{t(`admin.sessions.${field}`)}</span>
      <input
        type="number"
        name={field}
        min={min}
        max={max}
        value={Number.isNaN(draft[field]) ? '' : draft[field]}
        onChange={(e) => set({ [field]: e.target.valueAsNumber })}
      />
      <FieldError error={shownError} field={field} text={t('admin.invalidRange', { min, max })} />
    </label>
  )

  return (
    <form className="card session-form" onSubmit={onSubmit} data-testid="session-form" noValidate>
      <h2>{editing ? t('admin.sessions.editTitle') : t('admin.sessions.addTitle')}</h2>
      <div className="session-form-body">
        <div className="session-fields">
          <div className="presets" role="group" aria-label={t('admin.sessions.presets')}>
            {(Object.keys(PRESETS) as (keyof typeof PRESETS)[]).map((p) => (
              <button
                key={p}
                type="button"
                onClick={() => set(PRESETS[p])}
                data-testid={`preset-${p}`}
                aria-pressed={
                  draft.startTime === PRESETS[p].startTime && draft.endTime === PRESETS[p].endTime
                }
              >
                {t(`admin.sessions.preset.${p}`)}
                <small>
                  {PRESETS[p].startTime}–{PRESETS[p].endTime}
                </small>
              </button>
            ))}
          </div>
          <fieldset className="weekdays">
            <legend>{editing ? t('admin.sessions.weekday') : t('admin.sessions.weekdays')}</legend>
            {WEEKDAYS.map((w) => (
              <label key={w} className="check">
                <input
                  type={editing ? 'radio' : 'checkbox'}
                  name="weekday"
                  value={w}
                  checked={draft.weekdays.includes(w)}
                  onChange={(e) =>
                    set({
                      weekdays: editing
                        ? [w]
                        : e.target.checked
                          ? [...draft.weekdays, w].sort()
                          : draft.weekdays.filter((x) => x !== w),
                    })
                  }
                />
                <span>{t(weekdayKey(w))}</span>
              </label>
            ))}
          </fieldset>
          <div className="field-row">
            <label>
              <span>{t('admin.sessions.startTime')}</span>
              <ClockTimeInput
                name="startTime"
                value={draft.startTime}
                onChange={(value) => set({ startTime: value })}
              />
              <FieldError
                error={shownError}
                field="startTime"
                text={t('admin.sessions.invalidTime')}
              />
            </label>
            <label>
              <span>{t('admin.sessions.endTime')}</span>
              <ClockTimeInput
                name="endTime"
                value={draft.endTime}
                onChange={(value) => set({ endTime: value })}
              />
              <FieldError
                error={shownError}
                field="endTime"
                text={t('admin.sessions.invalidTime')}
              />
              {endBeforeStart && !schemaError ? (
                <span className="field-error">{t('admin.sessions.endBeforeStart')}</span>
              ) : null}
            </label>
          </div>
          <div className="field-row">
            {numberField('slotMinutes', 5, 240)}
            {numberField('quotaPerSlot', 1, 100)}
            {numberField('walkInPerSlot', 0, 100)}
          </div>
          {walkInTooMany ? (
            <p className="field-error">{t('admin.sessions.walkInTooMany')}</p>
          ) : null}
          {clash ? (
            <p className="field-error" data-testid="session-clash">
              {t('admin.sessions.clash', {
                weekday: t(weekdayKey(clash.weekday)),
                start: clash.startTime,
                end: clash.endTime,
              })}
            </p>
          ) : null}
          {inputs.length === 0 ? (
            <p className="field-error">{t('admin.sessions.pickWeekday')}</p>
          ) : null}
          <div className="form-actions">
            <button className="primary" disabled={busy || blocked} data-testid="save-session">
              {editing ? t('admin.save') : t('admin.sessions.saveMany', { count: inputs.length })}
            </button>
            <button type="button" onClick={onDone}>
              {t('admin.cancel')}
            </button>
            <FormError error={error} fields={FIELDS} />
          </div>
        </div>
        <BandPreview session={draft} />
      </div>
    </form>
  )
}
