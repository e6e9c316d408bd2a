import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { QueueEntry } from '../../shared/contract'
import { isNotArrived } from '../../shared/visit'
import { ClampedText } from '../components/ClampedText'
import { runAction } from './stores/actions'
import { openRecheck } from './stores/recheck'
import { SexAge, StatusTag, band } from './PatientFacts'
import './extra.css'

interface Props {
  readonly entry: QueueEntry
  readonly current: boolean
  readonly actionable: boolean
  readonly busy: boolean
  /** Paid or not (never the amount); null: no badge (the day does not charge). */
  readonly paid: boolean | null
}

/** Every re-read brings new objects: compare the entry's fields, so only rows that changed re-render. */
const sameEntry = (a: Props, b: Props): boolean =>
  a.current === b.current &&
  a.actionable === b.actionable &&
  a.busy === b.busy &&
  a.paid === b.paid &&
  (Object.keys(a.entry) as (keyof QueueEntry)[]).every((k) => a.entry[k] === b.entry[k])

/** One patient of the day: number, band, who, complaint, where they stand. */
export const QueueRow = memo(function QueueRow({ entry, current, actionable, busy, paid }: Props) {
  const { t } = useTranslation()
  return (
    <tr
      data-testid="queue-row"
      data-appointment-id={entry.id}
      data-status={entry.status}
      className={`row-${entry.status}${current ? ' row-current' : ''}`}
    >
      <td className="col-no">{entry.queueNo}</td>
      <td className="col-band">{band(entry)}</td>
      <td className="col-name">
        <ClampedText text={entry.patientName} testId="queue-name" />
        {entry.extra ? (
          <span className="tag-extra" data-testid="queue-extra-tag">
            {t('extra.tag')}
          </span>
        ) : null}
      </td>
      <td className="col-sex">
        <SexAge entry={entry} />
      </td>
      <td className="col-complaint">
        {entry.chiefComplaint ? (
          <ClampedText text={entry.chiefComplaint} lines={2} testId="queue-complaint" />
        ) : (
          <span className="muted">{t('doctor.noComplaint')}</span>
        )}
      </td>
      <td className="col-status">
        <StatusTag entry={entry} />
        {paid !== null ? (
          <span
            className={paid ? 'tag-paid' : 'tag-unpaid'}
            data-testid="queue-paid"
            data-paid={paid}
          >
            {paid ? t('doctor.paid') : t('doctor.unpaid')}
          </span>
        ) : null}
        {entry.position !== null ? (
          <span className="position">{t('doctor.position', { count: entry.position })}</span>
        ) : null}
      </td>
      <td className="col-wait">
        {entry.waitingMinutes === null ? '' : t('doctor.minutes', { count: entry.waitingMinutes })}
      </td>
      <td className="col-act">
        {/* Never arrived yet: the only rows a doctor marks by hand (no-show) rather than through the call order. */}
        {actionable && isNotArrived(entry.status) ? (
          <button
            type="button"
            className="small"
            disabled={busy}
            onClick={() => void runAction('noShow', entry.id)}
          >
            {t('doctor.actions.noShow')}
          </button>
        ) : null}
        {/* Skipped or no-show and here after all: back into the line by a rule, with a reason. */}
        {actionable && (entry.status === 'SKIPPED' || entry.status === 'NO_SHOW') ? (
          <button
            type="button"
            className="small"
            disabled={busy}
            onClick={() => openRecheck(entry)}
            data-action="recheck"
          >
            {t('recheck.action')}
          </button>
        ) : null}
      </td>
    </tr>
  )
}, sameEntry)
