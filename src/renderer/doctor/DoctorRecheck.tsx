import { RecheckDialog } from '../components/RecheckDialog'
import { closeRecheck, recheckFromRoom, useDoctorRecheck } from './stores/recheck'

/** The doctor's 重新签到 dialog, opened from a skipped or no-show row. */
export function DoctorRecheck() {
  const target = useDoctorRecheck((s) => s.target)
  if (!target) return null
  return <RecheckDialog appointment={target} submit={recheckFromRoom} onClose={closeRecheck} />
}
