import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import {
  REPORT_GROUPINGS,
  REPORT_MAX_DAYS,
  REPORT_PERIODS,
  REPORT_SOURCES,
  type ReportGrouping,
  type ReportPeriod,
  type ReportSource,
} from '../../../shared/contract/reports'
import type { AppErrorShape } from '../../../shared/errors'
import { RANGE_PRESETS, type RangePreset } from '../../../shared/report-ranges'
import { useDirectory } from '../../stores/directory'
import { DoctorSelect } from '../common/DoctorSelect'
import { FieldError } from '../common/FieldError'

export interface ReportQuery {
  readonly preset: RangePreset
  readonly from: string
  readonly to: string
  readonly period: ReportPeriod
  readonly by: ReportGrouping
  readonly doctorId: string
  readonly departmentId: string
  readonly source: ReportSource | ''
}

/** The range's own sentence for the host's refusal of `to` (inverted or longer than a report covers). */
function rangeText(t: TFunction, q: ReportQuery): string | undefined {
  if (!q.from || !q.to) return undefined
  if (q.to < q.from) return t('reports.inverted')
  const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1
  return days > REPORT_MAX_DAYS ? t('reports.tooLong', { max: REPORT_MAX_DAYS }) : undefined
}

export const sourceLabel = (t: TFunction, source: string): string =>
  t(`reports.source.${source}`, { defaultValue: source })

/** Presets, the custom range, grouping and filters; every change asks again (no submit button). */
export function ReportFilters({
  query,
  onChange,
  onPreset,
  error,
}: {
  query: ReportQuery
  onChange: (q: Partial<ReportQuery>) => void
  onPreset: (p: RangePreset) => void
  error: AppErrorShape | null
}) {
  const { t: translate } = useTranslation()
  const t = translate as TFunction
  const departments = useDirectory((s) => s.departments)
  return (
    <div className="card inline-form no-print" data-testid="report-filters">
      <div className="report-presets" role="group" aria-label={t('reports.range')}>
        {RANGE_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className={query.preset === p ? 'primary' : undefined}
            aria-pressed={query.preset === p}
            onClick={() => onPreset(p)}
            data-testid={`preset-${p}`}
          >
            {t(`reports.preset.${p}`)}
          </button>
        ))}
      </div>
      <label>
        <span>{t('reports.from')}</span>
        <input
          type="date"
          name="from"
          value={query.from}
          onChange={(e) => onChange({ preset: 'custom', from: e.target.value })}
        />
        <FieldError error={error} field="from" />
      </label>
      <label>
        <span>{t('reports.to')}</span>
        <input
          type="date"
          name="to"
          value={query.to}
          onChange={(e) => onChange({ preset: 'custom', to: e.target.value })}
        />
        <FieldError error={error} field="to" text={rangeText(t, query)} />
      </label>
      <label>
        <span>{t('reports.period')}</span>
        <select
          name="period"
          value={query.period}
          onChange={(e) => onChange({ period: e.target.value as ReportPeriod })}
        >
          {REPORT_PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`reports.periods.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('reports.by')}</span>
        <select
          name="by"
          value={query.by}
          onChange={(e) => onChange({ by: e.target.value as ReportGrouping })}
        >
          {REPORT_GROUPINGS.map((g) => (
            <option key={g} value={g}>
              {t(`reports.groupings.${g}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('reports.doctor')}</span>
        <DoctorSelect
          name="doctorId"
          value={query.doctorId}
          onChange={(doctorId) => onChange({ doctorId })}
          only={() => true}
          emptyLabel={t('reports.all')}
        />
      </label>
      <label>
        <span>{t('reports.department')}</span>
        <select
          name="departmentId"
          value={query.departmentId}
          onChange={(e) => onChange({ departmentId: e.target.value })}
        >
          <option value="">{t('reports.all')}</option>
          {departments.map((d) => (
            <option key={d.id} value={String(d.id)}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('reports.sourceFilter')}</span>
        <select
          name="source"
          value={query.source}
          onChange={(e) => onChange({ source: e.target.value as ReportSource | '' })}
        >
          <option value="">{t('reports.all')}</option>
          {REPORT_SOURCES.map((s) => (
            <option key={s} value={s}>
              {sourceLabel(t, s)}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}
