import { addDays, format, parseISO } from 'date-fns'
import { enUS, zhCN } from 'date-fns/locale'
import { useTranslation } from 'react-i18next'
import { isReadOnly, showDate, useDoctorQueue } from './stores/queue'

const shift = (date: string, days: number): string =>
  format(addDays(parseISO(date), days), 'yyyy-MM-dd')

/** The day spelled out with its weekday: a native date field shows the browser's format (03/02/2026), ambiguous to a reader. */
const longDate = (date: string, language: string): string =>
  language === 'en'
    ? format(parseISO(date), 'EEE d MMM yyyy', { locale: enUS })
    : format(parseISO(date), 'yyyy年M月d日 EEEE', { locale: zhCN })

/** Today by default; earlier or later days can be looked at, read-only. */
export function DateSwitch() {
  const { t, i18n } = useTranslation()
  const date = useDoctorQueue((s) => s.date)
  const today = useDoctorQueue((s) => s.today)
  const readOnly = useDoctorQueue(isReadOnly)
  if (!date || !today) return null
  return (
    <div className="date-switch" data-testid="date-switch">
      <button
        type="button"
        onClick={() => showDate(shift(date, -1))}
        aria-label={t('doctor.prevDay')}
      >
        ‹
      </button>
      <label className="date-pick">
        <span className="date-long" data-testid="date-long">
          {longDate(date, i18n.language)}
        </span>
        <span className="sr-only">{t('doctor.date')}</span>
        {/* Only its calendar button shows; the day is read from the label beside it. */}
        <input
          type="date"
          value={date}
          data-testid="date-input"
          onChange={(e) => e.target.value && showDate(e.target.value)}
        />
      </label>
      <button
        type="button"
        onClick={() => showDate(shift(date, 1))}
        aria-label={t('doctor.nextDay')}
      >
        ›
      </button>
      {readOnly ? (
        <>
          <button type="button" className="primary" onClick={() => showDate(today)}>
            {t('doctor.backToToday')}
          </button>
          <span className="read-only-note" data-testid="read-only">
            {t('doctor.readOnly')}
          </span>
        </>
      ) : (
        <span className="today-note">{t('doctor.today')}</span>
      )}
    </div>
  )
}
