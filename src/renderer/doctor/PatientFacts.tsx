import { useTranslation } from 'react-i18next'
import { shownStatus, type QueueEntry } from '../../shared/contract'

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

/**
 * A status as a coloured tag; the colour is a second cue, the word is the first. An excused
 * NO_SHOW reads 未到(免责), apart from 爽约.
 */
export function StatusTag({ entry }: { entry: Pick<QueueEntry, 'status' | 'noShowExcused'> }) {
  const { t } = useTranslation()
  const shown = shownStatus(entry)
  return (
    <span className={`status-tag status-${shown}`} data-status={entry.status} data-shown={shown}>
      {t(`doctor.status.${shown}`)}
    </span>
  )
}
