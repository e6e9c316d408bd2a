import { useTranslation } from 'react-i18next'
import type { QueueEntry } from '../../shared/contract'

/** Sex and age in a few characters ("男 · 45 岁"), the way a doctor reads them at a glance. */
export function SexAge({ entry }: { entry: Pick<QueueEntry, 'patientSex' | 'patientAge'> }) {
  const { t } = useTranslation()
  const age = entry.patientAge === null ? null : t('doctor.ageYears', { count: entry.patientAge })
  return (
    <>
      {t(`doctor.sex.${entry.patientSex}`)}
      {age ? ` · ${age}` : ''}
    </>
  )
}

export const band = (entry: Pick<QueueEntry, 'startTime' | 'endTime'>): string =>
  `${entry.startTime}–${entry.endTime}`

/** A status as a coloured tag; the colour is a second cue, the word is the first. */
export function StatusTag({ status }: { status: QueueEntry['status'] }) {
  const { t } = useTranslation()
  return (
    <span className={`status-tag status-${status}`} data-status={status}>
      {t(`doctor.status.${status}`)}
    </span>
  )
}
