import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FeeRule } from '../../../shared/contract/fees'
import { onHostEvent } from '../../api/host-action'
import type { AppErrorShape } from '../../../shared/errors'
import { formatFen } from '../../../shared/fees'
import { errorSentence } from '../../i18n'
import { useDirectory } from '../../stores/directory'
import { useAdminSettings } from '../stores/settings'
import { listFeeRules } from '../stores/fees'
import { FeeRuleForm } from './FeeRuleForm'

/**
 * 挂号费价目: the rules in force today (one per kind and target) and every rule ever entered, with
 * the form to add one from a day; live on fees.changed. Nothing here edits a rule: a change is a new row from its day.
 */
export function FeesPage() {
  const { t } = useTranslation()
  const today = useAdminSettings((s) => s.today)
  const [inForce, setInForce] = useState<readonly FeeRule[] | null>(null)
  const [history, setHistory] = useState<readonly FeeRule[] | null>(null)
  const [loadError, setLoadError] = useState<AppErrorShape | null>(null)

  const reload = useCallback(() => {
    if (!today) return
    void listFeeRules({ on: today }).then((r) => {
      setInForce(r.ok ? r.value : null)
      setLoadError(r.ok ? null : r.error)
    })
    void listFeeRules({}).then((r) => setHistory(r.ok ? r.value : null))
  }, [today])
  useEffect(reload, [reload])
  // Another admin's rule reaches this page without a reload.
  useEffect(() => onHostEvent('fees.changed', reload), [reload])

  const upcoming = (history ?? []).filter((r) => today !== null && r.effectiveFrom > today)
  return (
    <div className="stack" data-testid="fees-page">
      <FeeRuleForm onAdded={reload} />
      {loadError ? <p className="error">{errorSentence(loadError)}</p> : null}
      <section className="card">
        <h2>{t('admin.fees.inForce', { date: today ?? '' })}</h2>
        <RuleTable rules={inForce} testId="fees-in-force" />
      </section>
      <section className="card">
        <h2>{t('admin.fees.upcoming')}</h2>
        <RuleTable rules={history ? upcoming : null} testId="fees-upcoming" />
      </section>
    </div>
  )
}

function RuleTable({ rules, testId }: { rules: readonly FeeRule[] | null; testId: string }) {
  const { t } = useTranslation()
  const doctors = useDirectory((s) => s.doctors)
  const departments = useDirectory((s) => s.departments)
  if (!rules) return null
  if (rules.length === 0) return <p className="empty">{t('admin.fees.none')}</p>
  // Why by hand: a target is a title, or a doctor's or department's id shown by its name.
  const targetName = (r: FeeRule): string =>
    r.kind === 'DOCTOR'
      ? (doctors.find((d) => String(d.id) === r.target)?.name ?? r.target)
      : r.kind === 'DEPARTMENT'
        ? (departments.find((d) => String(d.id) === r.target)?.name ?? r.target)
        : r.target
  return (
    <table className="grid" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('admin.fees.kind')}</th>
          <th>{t('admin.fees.target')}</th>
          <th>{t('admin.fees.amount')}</th>
          <th>{t('admin.fees.from')}</th>
          <th>{t('admin.fees.by')}</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => (
          <tr key={r.id} data-testid="fee-row">
            <td>{t(`admin.fees.kinds.${r.kind}`)}</td>
            <td>{targetName(r)}</td>
            <td className="num">
              {r.kind === 'REVISIT_DAYS'
                ? t('admin.fees.days', { count: r.amountFen })
                : `¥${formatFen(r.amountFen)}`}
            </td>
            <td>{r.effectiveFrom}</td>
            <td>{r.createdBy}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
