import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AppShell } from '../components/AppShell'
import { useDirectory } from '../stores/directory'
import { useClinic } from './stores/clinic'
import { useDayList } from './stores/daylist'
import { ensureDefaults } from './stores/desk'
import { BookingPanel } from './BookingPanel'
import { DayList } from './DayList'
import { DeskCalendar } from './DeskCalendar'
import { DeskGrid } from './DeskGrid'
import { PatientCard } from './PatientCard'
import { PatientEditDialog } from './PatientEditDialog'
import { ScopePicker } from './ScopePicker'
import { ShiftPanel } from './ShiftPanel'
import { ShortcutBar } from './ShortcutBar'
import { PayHost } from './PayHost'
import { SlipDialog } from './SlipDialog'
import { TicketDialog } from './TicketDialog'
import { WaitlistTab } from './WaitlistTab'
import { useReceptionKeys, type Tab } from './useReceptionKeys'
import './reception.css'

/** The receptionist's day on one screen: who and when on the left; book, or the day's list, on the right. */
export function ReceptionScreen() {
  const { t } = useTranslation()
  const [tab, setTab] = useState<Tab>('book')
  const today = useClinic((s) => s.today)
  const departments = useDirectory((s) => s.departments)
  const listCount = useDayList((s) => s.rows.length)
  useReceptionKeys(tab, setTab)
  useEffect(() => ensureDefaults(today), [today, departments])

  return (
    <AppShell title={t('screen.reception')}>
      <div className="rx">
        <aside className="rx-side">
          <ScopePicker />
          <DeskCalendar />
          <ShortcutBar />
        </aside>
        <div className="rx-main">
          <nav className="rx-tabs" role="tablist">
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'book'}
              onClick={() => setTab('book')}
              data-testid="rx-tab-book"
            >
              {t('reception.tabBook')}
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'list'}
              onClick={() => setTab('list')}
              data-testid="rx-tab-list"
            >
              {t('reception.tabList')} <span className="rx-count">{listCount}</span>{' '}
              <span className="rx-key">F4</span>
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'waitlist'}
              onClick={() => setTab('waitlist')}
              data-testid="rx-tab-waitlist"
            >
              {t('waitlist.tab')}
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'shift'}
              onClick={() => setTab('shift')}
              data-testid="rx-tab-shift"
            >
              {t('cashier.shift.tab')} <span className="rx-key">F8</span>
            </button>
          </nav>
          {tab === 'book' ? (
            <div className="rx-work">
              <DeskGrid />
              <BookingPanel />
            </div>
          ) : tab === 'list' ? (
            <DayList />
          ) : tab === 'waitlist' ? (
            <WaitlistTab />
          ) : (
            <ShiftPanel />
          )}
        </div>
      </div>
      <TicketDialog />
      <PayHost />
      <SlipDialog />
      <PatientCard />
      <PatientEditDialog />
    </AppShell>
  )
}
