import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppErrorShape } from '../../../shared/errors'
import { listHolidays, removeHoliday, setHoliday } from '../stores/leave'
import { useSubmit } from '../../components/useSubmit'
import { errorSentence } from '../../i18n'
import { useAdminSettings } from '../stores/settings'
import { FieldError, FormError } from '../common/FieldError'

interface Holiday {
  readonly date: string
  readonly name: string
}

function RemoveHoliday({ date, onRemoved }: { date: string; onRemoved: () => void }) {
  const { t } = useTranslation()
  const { run, busy, errorText } = useSubmit(() => removeHoliday({ date }), onRemoved)
  return (
    <>
      <button type="button" className="danger" disabled={busy} onClick={() => void run()}>
        {t('admin.remove')}
      </button>
      {errorText ? <span className="error">{errorText}</span> : null}
    </>
  )
}

/** Clinic holidays from today on: no bands are generated; bands already there close like a 停诊. */
export function HolidaysPanel() {
  const { t } = useTranslation()
  const today = useAdminSettings((s) => s.today)
  const [holidays, setHolidays] = useState<readonly Holiday[] | null>(null)
  const [loadError, setLoadError] = useState<AppErrorShape | null>(null)
  const [date, setDate] = useState('')
  const [name, setName] = useState('')
  const [affected, setAffected] = useState<number | null>(null)

  const reload = useCallback(() => {
    void listHolidays(today ? { from: today } : {}).then((r) => {
      setHolidays(r.ok ? r.value : null)
      setLoadError(r.ok ? null : r.error)
    })
  }, [today])
  useEffect(reload, [reload])

  const { run, busy, error } = useSubmit(
    () => setHoliday({ date, name }),
    (r) => {
      setAffected(r.affectedAppointmentIds.length)
      setDate('')
      setName('')
      reload()
    },
  )
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void run()
  }
  return (
    <section className="card" data-testid="holidays">
      <h2>{t('admin.holidays.title')}</h2>
      <form className="inline-form" onSubmit={onSubmit} data-testid="add-holiday">
        <label>
          <span>{t('admin.date')}</span>
          <input
            type="date"
            value={date}
            min={today ?? undefined}
            onChange={(e) => setDate(e.target.value)}
            name="holidayDate"
            required
          />
          <FieldError error={error} field="date" />
        </label>
        <label className="grow">
          <span>{t('admin.holidays.name')}</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
            name="holidayName"
            placeholder={t('admin.holidays.nameHint')}
            required
          />
          <FieldError error={error} field="name" />
        </label>
        <button className="primary" disabled={busy || !date || !name.trim()}>
          {t('admin.holidays.add')}
        </button>
        <FormError error={error} fields={['date', 'name']} />
      </form>
      {affected !== null && affected > 0 ? (
        <p className="report report-warn">{t('admin.holidays.affected', { count: affected })}</p>
      ) : null}
      {loadError ? <p className="error">{errorSentence(loadError)}</p> : null}
      {holidays && holidays.length === 0 ? (
        <p className="empty">{t('admin.holidays.none')}</p>
      ) : null}
      {holidays && holidays.length > 0 ? (
        <table className="grid" data-testid="holiday-table">
          <tbody>
            {holidays.map((h) => (
              <tr key={h.date} data-testid="holiday-row">
                <td>{h.date}</td>
                <td>{h.name}</td>
                <td className="actions">
                  <RemoveHoliday date={h.date} onRemoved={reload} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
