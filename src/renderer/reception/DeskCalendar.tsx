import { useTranslation } from 'react-i18next'
import { useClinic } from './stores/clinic'
import { selectDate, showMonth, useDesk } from './stores/desk'
import { AvailabilityCalendar } from './AvailabilityCalendar'

/** The desk's calendar: the chosen doctor's (or department's) places per day. */
export function DeskCalendar() {
  const { t } = useTranslation()
  const today = useClinic((s) => s.today)
  const date = useDesk((s) => s.date)
  const month = useDesk((s) => s.month)
  const days = useDesk((s) => s.calendar.days)
  return (
    <div className="rx-cal-wrap" data-testid="rx-calendar">
      <AvailabilityCalendar
        selected={date}
        today={today}
        month={month}
        days={days}
        onSelect={selectDate}
        onMonth={showMonth}
      />
      <ul className="rx-legend">
        <li className="rx-legend-open">{t('reception.legend.open')}</li>
        <li className="rx-legend-full">{t('reception.legend.full')}</li>
        <li className="rx-legend-closed">{t('reception.legend.closed')}</li>
      </ul>
    </div>
  )
}
