import { create } from 'zustand'
import { bridge } from '../../api/bridge'
import { connection } from '../../stores/connection'

/** Whether each appointment on the desk's day list is paid (the amount is the cashier store's). */
export interface PaidState {
  readonly date: string
  readonly paid: ReadonlyMap<number, boolean>
  /**
   * Whether the clinic charges at all that day (a price list in force): without one nothing is
   * 待支付, and the desk works as it did before fees.
   */
  readonly charging: boolean
}

export const usePaid = create<PaidState>(() => ({ date: '', paid: new Map(), charging: false }))

let seq = 0
/** Flags from events that came while a read was in flight: they are newer than its answer may be. */
let duringRead = new Map<number, boolean>()
let asked: { date: string; doctorIds: readonly number[] } | null = null

/** Reads the paid flags of a day's doctors (one call per doctor-day, as the contract offers). */
export async function loadPaid(date: string, doctorIds: readonly number[]): Promise<void> {
  asked = { date, doctorIds }
  const mine = ++seq
  duringRead = new Map()
  const priceList = bridge.call('fees.rules', { on: date })
  const answers = await Promise.all(
    doctorIds.map((doctorId) => bridge.call('payments.paidStatus', { doctorId, date })),
  )
  const rules = await priceList
  if (mine !== seq) return
  const charging = rules.ok && rules.value.length > 0
  const paid = new Map<number, boolean>()
  for (const a of answers)
    if (a.ok) for (const row of a.value.appointments) paid.set(row.appointmentId, row.paid)
  for (const [id, flag] of duringRead) paid.set(id, flag)
  usePaid.setState({ date, paid, charging })
}

let started = false

/** Patches a flag from payments.changed (it says paid or not, so no re-read); re-reads on reconnect. */
export function startPaidFeed(): void {
  if (started) return
  started = true
  bridge.on('payments.changed', (m) => {
    duringRead.set(m.appointmentId, m.paid)
    if (m.date !== usePaid.getState().date) return
    usePaid.setState((s) => ({ paid: new Map(s.paid).set(m.appointmentId, m.paid) }))
  })
  bridge.on('fees.changed', () => {
    if (asked) void loadPaid(asked.date, asked.doctorIds)
  })
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets && asked) void loadPaid(asked.date, asked.doctorIds)
  })
}
