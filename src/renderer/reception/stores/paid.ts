import { create } from 'zustand'
import { bridge } from '../../api/bridge'
import { connection } from '../../stores/connection'

/** Whether each appointment on the desk's day list is paid (the amount is the cashier store's). */
export interface PaidState {
  readonly date: string
  readonly paid: ReadonlyMap<number, boolean>
}

export const usePaid = create<PaidState>(() => ({ date: '', paid: new Map() }))

let seq = 0
/** Flags from events that came while a read was in flight: they are newer than its answer may be. */
let duringRead = new Map<number, boolean>()
let asked: { date: string; doctorIds: readonly number[] } | null = null

/** Reads the paid flags of a day's doctors (one call per doctor-day, as the contract offers). */
export async function loadPaid(date: string, doctorIds: readonly number[]): Promise<void> {
  asked = { date, doctorIds }
  const mine = ++seq
  duringRead = new Map()
  const answers = await Promise.all(
    doctorIds.map((doctorId) => bridge.call('payments.paidStatus', { doctorId, date })),
  )
  if (mine !== seq) return
  const paid = new Map<number, boolean>()
  for (const a of answers)
    if (a.ok) for (const row of a.value) paid.set(row.appointmentId, row.paid)
  for (const [id, flag] of duringRead) paid.set(id, flag)
  usePaid.setState({ date, paid })
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
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets && asked) void loadPaid(asked.date, asked.doctorIds)
  })
}
