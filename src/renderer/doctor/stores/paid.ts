import { create } from 'zustand'
import { bridge } from '../../api/bridge'
import { connection } from '../../stores/connection'
import { useDoctorQueue } from './queue'

/**
 * Whether each patient of the doctor-day on screen has paid: yes or no, never the amount
 * (payments.paidStatus is all a doctor may read of the money).
 */
export interface DoctorPaidState {
  /** Which doctor-day the flags are of ("doctorId@date"). */
  readonly day: string
  readonly paid: ReadonlyMap<number, boolean>
  /** A price list is in force that day: without one no badge at all (nothing is unpaid). */
  readonly charging: boolean
}

export const useDoctorPaid = create<DoctorPaidState>(() => ({
  day: '',
  paid: new Map(),
  charging: false,
}))

let seq = 0
/** Flags that came by event while a read was in flight: newer than its answer may be. */
let duringRead = new Map<number, boolean>()

async function loadPaid(doctorId: number, date: string): Promise<void> {
  const mine = ++seq
  duringRead = new Map()
  const result = await bridge.call('payments.paidStatus', { doctorId, date })
  if (mine !== seq || !result.ok) return
  const paid = new Map(result.value.appointments.map((r) => [r.appointmentId, r.paid]))
  for (const [id, flag] of duringRead) paid.set(id, flag)
  const { charging } = result.value
  useDoctorPaid.setState({ day: `${doctorId}@${date}`, paid, charging })
}

/**
 * Reads the flags whenever the doctor-day on screen changes (a new booking is unpaid), patches them
 * from payments.changed (it says paid or not, so no re-read), and re-reads on fees.changed and on
 * reconnect.
 */
export function startDoctorPaidFeed(): void {
  let shown = ''
  const reload = () => {
    const { doctorId, date } = useDoctorQueue.getState()
    if (doctorId !== null && date !== null) void loadPaid(doctorId, date)
  }
  useDoctorQueue.subscribe((s) => {
    const day = `${s.doctorId}@${s.date}`
    if (day === shown) return
    shown = day
    reload()
  })
  bridge.on('payments.changed', (m) => {
    duringRead.set(m.appointmentId, m.paid)
    const { doctorId, date } = useDoctorQueue.getState()
    if (m.doctorId !== doctorId || m.date !== date) return
    useDoctorPaid.setState((s) => ({ paid: new Map(s.paid).set(m.appointmentId, m.paid) }))
  })
  // A price list taking effect mid-day turns charging on: every flag changes, so re-read.
  bridge.on('fees.changed', reload)
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) reload()
  })
}

/** Statuses a fee no longer applies to: no badge. */
const NO_FEE = new Set(['CANCELED', 'NO_SHOW'])

/** The badge a row shows: paid, unpaid, or none (the day does not charge, or the visit is off). */
export function paidBadge(
  s: DoctorPaidState,
  entry: { readonly id: number; readonly status: string },
): boolean | null {
  if (!s.charging || NO_FEE.has(entry.status)) return null
  return s.paid.get(entry.id) ?? false
}
