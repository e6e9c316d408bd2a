import { useEffect } from 'react'
import { cancelBooking, choosePatient, setMode, useBooking } from './stores/booking'
import { selectDate, useDesk } from './stores/desk'
import { REGISTER_EVENT } from './BookingPanel'
import { shiftDay } from './dates'

export type Tab = 'book' | 'list' | 'waitlist' | 'shift'

/**
 * The desk's shortcuts, shown on screen: F2 find a patient, F3 walk-in, F4 booking ⇄ day list,
 * F8 the cashier's day-end, PgUp/PgDn previous/next day, Alt+N new patient, Esc drop the booking
 * in progress.
 * (Arrows and Enter live in the grid and the search list themselves.)
 */
export function useReceptionKeys(tab: Tab, setTab: (tab: Tab) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || document.querySelector('dialog[open]')) return
      const handled = ((): boolean => {
        switch (e.key) {
          case 'F2':
            setTab('book')
            if (useBooking.getState().patient) choosePatient(null)
            else useBooking.setState((s) => ({ focusSearch: s.focusSearch + 1 }))
            return true
          case 'F3':
            setTab('book')
            setMode('walkIn')
            return true
          case 'F4':
            setTab(tab === 'book' ? 'list' : 'book')
            return true
          case 'F8':
            setTab('shift')
            return true
          case 'PageUp':
          case 'PageDown': {
            const { date } = useDesk.getState()
            if (date) selectDate(shiftDay(date, e.key === 'PageDown' ? 1 : -1))
            return true
          }
          case 'Escape':
            void cancelBooking()
            return true
          default:
            if (e.altKey && e.key.toLowerCase() === 'n') {
              setTab('book')
              window.dispatchEvent(new Event(REGISTER_EVENT))
              return true
            }
            return false
        }
      })()
      if (handled) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [tab, setTab])
}
