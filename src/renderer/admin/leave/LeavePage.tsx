import { useState } from 'react'
import { AffectedPatients } from './AffectedPatients'
import { CloseDayForm, type ClosedDay } from './CloseDayForm'
import { HolidaysPanel } from './HolidaysPanel'

/** 停诊与假日: close a doctor-day and deal with its patients; the clinic's holidays beside it. */
export function LeavePage() {
  const [closed, setClosed] = useState<ClosedDay | null>(null)
  return (
    <div className="leave-page">
      <div className="stack">
        <CloseDayForm onClosed={setClosed} />
        {closed ? (
          <AffectedPatients key={`${closed.doctorId}@${closed.date}`} day={closed} />
        ) : null}
      </div>
      <HolidaysPanel />
    </div>
  )
}
