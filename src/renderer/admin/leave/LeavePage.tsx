import { useState } from 'react'
import { AffectedPatients } from './AffectedPatients'
import { CloseDayForm, type ClosedDay } from './CloseDayForm'
import { HolidaysPanel } from './HolidaysPanel'
import { LeaveAffected } from './LeaveAffected'
import { LeaveList } from './LeaveList'

/**
 * 停诊与假日: close a doctor's day, days or session and deal with its patients (bulk move or cancel
 * for one day; the printable list to phone for any leave); the upcoming leave to undo; the
 * clinic's holidays beside it.
 */
export function LeavePage() {
  const [closed, setClosed] = useState<ClosedDay | null>(null)
  const [shown, setShown] = useState<number | null>(null)
  const made = (day: ClosedDay) => {
    setClosed(day)
    setShown(day.to !== day.date ? day.leaveId : null)
  }
  return (
    <div className="leave-page">
      <div className="stack">
        <div className="stack no-print">
          <CloseDayForm onClosed={made} />
          {closed && closed.to === closed.date ? (
            <AffectedPatients key={closed.leaveId} day={closed} />
          ) : null}
        </div>
        {shown !== null ? (
          <LeaveAffected key={shown} leaveId={shown} onClose={() => setShown(null)} />
        ) : null}
        <LeaveList onShow={setShown} />
      </div>
      <div className="no-print">
        <HolidaysPanel />
      </div>
    </div>
  )
}
