import { useState } from 'react'
import { format } from 'date-fns'
import { enUS, zhCN } from 'date-fns/locale'
import { useTranslation } from 'react-i18next'
import { errorSentence } from '../i18n'
import { pickSlot, useBooking } from './stores/booking'
import { useClinic } from './stores/clinic'
import { useDesk } from './stores/desk'
import { fromDay } from './dates'
import { ExtraDialog } from './ExtraDialog'
import type { DoctorSlots } from './fetchers'
import { SlotGrid } from './SlotGrid'

/** The chosen day's bands for the desk, with the day named plainly (today / weekday). */
export function DeskGrid() {
  const { t, i18n } = useTranslation()
  const grid = useDesk((s) => s.grid)
  const date = useDesk((s) => s.date)
  const today = useClinic((s) => s.today)
  const mySlotId = useBooking((s) => s.hold?.slot.id ?? null)
  const busySlotId = useBooking((s) => s.holdingSlotId)
  const [extraFor, setExtraFor] = useState<number | null>(null)
  const extraRow: DoctorSlots | undefined = grid.rows.find((r) => r.doctorId === extraFor)
  const dayName = date
    ? format(fromDay(date), i18n.language === 'en' ? 'EEE d MMM yyyy' : 'yyyy年M月d日 EEEE', {
        locale: i18n.language === 'en' ? enUS : zhCN,
      })
    : ''
  return (
    <section className="rx-gridcard card">
      <header className="rx-gridcard-head">
        <h2 data-testid="rx-day">
          {dayName}
          {date && date === today ? (
            <span className="rx-tag rx-tag-today">{t('reception.today')}</span>
          ) : null}
        </h2>
        <span className="muted">
          <kbd>PgUp</kbd>/<kbd>PgDn</kbd> {t('reception.shortcuts.day')}
        </span>
      </header>
      {grid.error ? <p className="rx-message error">{errorSentence(grid.error)}</p> : null}
      <SlotGrid
        rows={grid.rows}
        loading={grid.loading && grid.rows.length === 0}
        mySlotId={mySlotId}
        busySlotId={busySlotId}
        onPick={(s) => void pickSlot(s)}
        focusToken={grid.key}
        onExtra={(row) => setExtraFor(row.doctorId)}
      />
      {extraRow && date ? (
        <ExtraDialog
          doctorId={extraRow.doctorId}
          date={date}
          slots={extraRow.slots}
          onClose={() => setExtraFor(null)}
        />
      ) : null}
    </section>
  )
}
