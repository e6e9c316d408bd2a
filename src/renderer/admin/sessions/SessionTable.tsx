import { useTranslation } from 'react-i18next'
import type { ScheduleTemplate } from '../../../shared/contract'
import { removeTemplate } from '../stores/templates'
import { useSubmit } from '../../components/useSubmit'
import { weekdayKey } from '../common/weekdays'
import { bandsOf } from './bands'

function RemoveButton({ id }: { id: number }) {
  const { t } = useTranslation()
  const { run, busy, errorText } = useSubmit(() => removeTemplate({ id }))
  return (
    <>
      <button type="button" className="danger" disabled={busy} onClick={() => void run()}>
        {t('admin.remove')}
      </button>
      {errorText ? <span className="error">{errorText}</span> : null}
    </>
  )
}

/** A doctor's week at a glance: one row per session, with the bands and places it makes each day. */
export function SessionTable({
  templates,
  onEdit,
}: {
  templates: readonly ScheduleTemplate[]
  onEdit: (t: ScheduleTemplate) => void
}) {
  const { t } = useTranslation()
  const sorted = [...templates].sort(
    (a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime),
  )
  if (sorted.length === 0) return <p className="empty">{t('admin.sessions.none')}</p>
  return (
    <table className="grid" data-testid="session-table">
      <thead>
        <tr>
          <th>{t('admin.sessions.weekday')}</th>
          <th>{t('admin.sessions.time')}</th>
          <th className="num">{t('admin.sessions.slotMinutes')}</th>
          <th className="num">{t('admin.sessions.quotaPerSlot')}</th>
          <th className="num">{t('admin.sessions.walkInPerSlot')}</th>
          <th className="num">{t('admin.sessions.perDay')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {sorted.map((s) => {
          const bands = bandsOf(s)
          return (
            <tr key={s.id} data-testid="session-row">
              <td>{t(weekdayKey(s.weekday))}</td>
              <td>
                {s.startTime}–{s.endTime}
              </td>
              <td className="num">{s.slotMinutes}</td>
              <td className="num">{s.quotaPerSlot}</td>
              <td className="num">{s.walkInPerSlot}</td>
              <td className="num">
                {t('admin.sessions.bandsPlaces', {
                  bands: bands.length,
                  places: bands.length * s.quotaPerSlot,
                })}
              </td>
              <td className="actions">
                <button type="button" onClick={() => onEdit(s)}>
                  {t('admin.edit')}
                </button>
                <RemoveButton id={s.id} />
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
