import { useTranslation } from 'react-i18next'
import { EXTRA_PER_BAND } from '../../shared/contract/extra'

/** How many extra places (1…EXTRA_PER_BAND) and why: the part of 加号 the desk and the room share. */
export function ExtraPlaceFields({
  count,
  onCount,
  reason,
  onReason,
  testIdPrefix,
}: {
  count: number
  onCount: (count: number) => void
  reason: string
  onReason: (reason: string) => void
  testIdPrefix: string
}) {
  const { t } = useTranslation()
  return (
    <>
      <label>
        <span>{t('extra.count')}</span>
        <input
          type="number"
          min={1}
          max={EXTRA_PER_BAND}
          value={count}
          onChange={(e) =>
            onCount(Math.max(1, Math.min(EXTRA_PER_BAND, Number(e.target.value) || 1)))
          }
          data-testid={`${testIdPrefix}-count`}
        />
      </label>
      <label>
        <span>{t('extra.reason')}</span>
        <input
          value={reason}
          onChange={(e) => onReason(e.target.value)}
          maxLength={200}
          placeholder={t('extra.reasonHint')}
          data-testid={`${testIdPrefix}-reason`}
        />
      </label>
    </>
  )
}
