import { useTranslation } from 'react-i18next'
import type { PolicyDraft } from '../../../shared/policy/draft'

type Limits = PolicyDraft['departments']['limits']

/**
 * The department age/sex limits (儿科 under 14, 妇科 women only…) as an editable table. Inputs
 * are named by their policy path (departments.limits.0.maxAgeBelow) so that the host's refusal
 * marks the very box.
 */
export function DepartmentLimits({
  limits,
  disabled,
  onChange,
}: {
  limits: Limits
  disabled: boolean
  onChange: (limits: Limits) => void
}) {
  const { t } = useTranslation()
  const set = (i: number, change: Partial<Limits[number]>) =>
    onChange(limits.map((l, j) => (j === i ? { ...l, ...change } : l)))
  const path = (i: number, key: string) => `departments.limits.${i}.${key}`
  return (
    <div className="policy-limits">
      <table className="grid" data-testid="policy-limits">
        <thead>
          <tr>
            <th>{t('admin.policy.departments.department')}</th>
            <th>{t('admin.policy.departments.minAge')}</th>
            <th>{t('admin.policy.departments.maxAgeBelow')}</th>
            <th>{t('admin.policy.departments.sex')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {limits.map((l, i) => (
            <tr key={i}>
              <td>
                <input
                  name={path(i, 'department')}
                  value={l.department}
                  disabled={disabled}
                  aria-label={t('admin.policy.departments.department')}
                  onChange={(e) => set(i, { department: e.target.value })}
                />
              </td>
              <td>
                <input
                  type="number"
                  name={path(i, 'minAge')}
                  value={l.minAge}
                  disabled={disabled}
                  aria-label={t('admin.policy.departments.minAge')}
                  onChange={(e) => set(i, { minAge: e.target.value })}
                />
              </td>
              <td>
                <input
                  type="number"
                  name={path(i, 'maxAgeBelow')}
                  value={l.maxAgeBelow}
                  disabled={disabled}
                  aria-label={t('admin.policy.departments.maxAgeBelow')}
                  onChange={(e) => set(i, { maxAgeBelow: e.target.value })}
                />
              </td>
              <td>
                <select
                  name={path(i, 'sex')}
                  value={l.sex ?? ''}
                  disabled={disabled}
                  aria-label={t('admin.policy.departments.sex')}
                  onChange={(e) =>
                    set(i, { sex: e.target.value === '' ? null : (e.target.value as 'M' | 'F') })
                  }
                >
                  <option value="">{t('admin.policy.departments.anySex')}</option>
                  <option value="F">{t('admin.policy.departments.F')}</option>
                  <option value="M">{t('admin.policy.departments.M')}</option>
                </select>
              </td>
              <td>
                <button
                  type="button"
                  disabled={disabled}
                  onClick={() => onChange(limits.filter((_, j) => j !== i))}
                >
                  {t('admin.policy.departments.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        disabled={disabled}
        onClick={() =>
          onChange([...limits, { department: '', minAge: '', maxAgeBelow: '', sex: null }])
        }
      >
        {t('admin.policy.departments.add')}
      </button>
    </div>
  )
}
