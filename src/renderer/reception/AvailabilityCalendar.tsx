import type { DayAvailability } from '../../shared/contract'
import { DayPicker, type DayButtonProps } from 'react-day-picker'
import 'react-day-picker/style.css'
import { enUS, zhCN } from 'react-day-picker/locale'
import { useTranslation } from 'react-i18next'
import { createContext, useContext } from 'react'
import { fromDay, toDay } from './dates'

interface Props {
  readonly selected: string
  readonly today: string
  readonly month: string
  readonly days: Readonly<Record<string, DayAvailability>>
  readonly onSelect: (day: string) => void
  readonly onMonth: (month: string) => void
  /** Days before this cannot be chosen (a reschedule cannot go back in time). */
  readonly fromDate?: string
}

/**
 * A month in the current language; each day says whether it still has places
 * (green count), is full (grey), closed (停诊) or has no sessions (plain).
 */
export function AvailabilityCalendar({
  selected,
  today,
  month,
  days,
  onSelect,
  onMonth,
  fromDate,
}: Props) {
  const { i18n } = useTranslation()
  const has = (pick: (d: DayAvailability) => boolean) => (date: Date) => {
    const d = days[toDay(date)]
    return d ? pick(d) : false
  }
  return (
    <DaysContext value={days}>
      <DayPicker
        className="rx-calendar"
        mode="single"
        required
        locale={i18n.language === 'en' ? enUS : zhCN}
        weekStartsOn={1}
        showOutsideDays={false}
        fixedWeeks
        selected={selected ? fromDay(selected) : undefined}
        onSelect={(date) => date && onSelect(toDay(date))}
        month={month ? fromDay(`${month}-01`) : undefined}
        onMonthChange={(date) => onMonth(toDay(date).slice(0, 7))}
        today={today ? fromDay(today) : undefined}
        disabled={fromDate ? { before: fromDay(fromDate) } : undefined}
        modifiers={{
          open: has((d) => !d.closed && d.placesLeft > 0),
          full: has((d) => !d.closed && d.quota > 0 && d.placesLeft <= 0),
          closed: has((d) => d.closed),
        }}
        modifiersClassNames={{ open: 'rx-day-open', full: 'rx-day-full', closed: 'rx-day-closed' }}
        components={{ DayButton: AvailabilityDayButton }}
      />
    </DaysContext>
  )
}

/** The month's availability, passed through context so the day button stays one stable component (focus survives updates). */
const DaysContext = createContext<Readonly<Record<string, DayAvailability>>>({})

function AvailabilityDayButton({ day, modifiers, ...button }: DayButtonProps) {
  const { t } = useTranslation()
  const days = useContext(DaysContext)
  const info = days[toDay(day.date)]
  const note =
    !info || info.quota === 0
      ? ''
      : info.closed
        ? t('reception.calClosed')
        : info.placesLeft > 0
          ? String(info.placesLeft)
          : t('reception.calFull')
  void modifiers // consumed here so it is not spread onto the DOM button
  return (
    <button {...button} data-day={toDay(day.date)} data-places={info?.placesLeft ?? ''}>
      <span className="rx-daynum">{day.date.getDate()}</span>
      <span className="rx-daynote">{note}</span>
    </button>
  )
}
