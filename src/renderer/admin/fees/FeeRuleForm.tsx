import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { FEE_RULE_KINDS, UNTARGETED_KINDS, type FeeRuleKind } from '../../../shared/contract/fees'
import { parseYuan } from '../../../shared/fees'
import { useSubmit } from '../../components/useSubmit'
import { useDirectory } from '../../stores/directory'
import { FieldError, FormError } from '../common/FieldError'
import { setFeeRule } from '../stores/fees'
import { useAdminSettings } from '../stores/settings'

/** Adds one price-list rule from a day; the amount is typed in yuan and sent as integer fen. */
export function FeeRuleForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation()
  const today = useAdminSettings((s) => s.today)
  const doctors = useDirectory((s) => s.doctors)
  const departments = useDirectory((s) => s.departments)
  const [kind, setKind] = useState<FeeRuleKind>('TITLE')
  const [target, setTarget] = useState('')
  const [amount, setAmount] = useState('')
  const [from, setFrom] = useState('')
  const isDays = kind === 'REVISIT_DAYS'
  const untargeted = UNTARGETED_KINDS.includes(kind)
  // Days are a whole number; money is yuan with at most two decimals, turned into fen exactly.
  const amountFen = isDays
    ? /^\d{1,3}$/.test(amount.trim())
      ? Number(amount.trim())
      : null
    : parseYuan(amount)
  const day = from || today || ''
  const { run, busy, error } = useSubmit(
    () =>
      setFeeRule({
        kind,
        target: untargeted ? '' : target,
        amountFen: amountFen ?? -1,
        effectiveFrom: day,
      }),
    () => {
      setAmount('')
      onAdded()
    },
  )
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void run()
  }
  return (
    <section className="card" data-testid="fee-form">
      <h2>{t('admin.fees.title')}</h2>
      <p className="hint">{t('admin.fees.intro')}</p>
      <form className="inline-form" onSubmit={onSubmit}>
        <label>
          <span>{t('admin.fees.kind')}</span>
          <select
            name="feeKind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as FeeRuleKind)
              setTarget('')
            }}
          >
            {FEE_RULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`admin.fees.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'TITLE' ? (
          <label>
            <span>{t('admin.fees.target')}</span>
            <input
              name="feeTarget"
              value={target}
              maxLength={200}
              placeholder={t('admin.fees.titleHint')}
              onChange={(e) => setTarget(e.target.value)}
            />
            <FieldError error={error} field="target" />
          </label>
        ) : null}
        {kind === 'DOCTOR' || kind === 'DEPARTMENT' ? (
          <label>
            <span>{t('admin.fees.target')}</span>
            <select name="feeTarget" value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">—</option>
              {(kind === 'DOCTOR' ? doctors : departments).map((x) => (
                <option key={x.id} value={String(x.id)}>
                  {x.name}
                </option>
              ))}
            </select>
            <FieldError error={error} field="target" />
          </label>
        ) : null}
        <label>
          <span>{isDays ? t('admin.fees.windowDays') : t('admin.fees.amountYuan')}</span>
          <input
            name="feeAmount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
          {amount !== '' && amountFen === null ? (
            <span className="error">{t('admin.fees.badAmount')}</span>
          ) : null}
          <FieldError error={error} field="amountFen" />
        </label>
        <label>
          <span>{t('admin.fees.from')}</span>
          <input
            type="date"
            name="feeFrom"
            value={day}
            min={today ?? undefined}
            onChange={(e) => setFrom(e.target.value)}
          />
          <FieldError error={error} field="effectiveFrom" />
        </label>
        <button
          className="primary"
          disabled={busy || amountFen === null || (!untargeted && target.trim() === '')}
        >
          {t('admin.fees.add')}
        </button>
        <FormError error={error} fields={['kind', 'target', 'amountFen', 'effectiveFrom']} />
      </form>
    </section>
  )
}
