import { create } from 'zustand'
import {
  PAY_METHODS,
  type Appointment,
  type AppointmentMoney,
  type PayMethod,
  type Receipt,
  type RefundSlip,
} from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { openTicket } from './ticket'

export { PAY_METHODS, type PayMethod }

/** What the cashier chose in the pay panel; amounts in fen. */
export interface PayChoice {
  readonly method: PayMethod
  readonly tenderedFen?: number
  readonly reason?: string
}

/**
 * What follows a payment: the ticket with the receipt on it (a new walk-in), 签到 then the receipt
 * (a phone booking arriving), or the receipt alone.
 */
export type AfterPay = 'ticket' | 'checkIn' | 'receipt'

export interface CashierState {
  /** The appointment being paid for at this desk, with where it stands (null while loading). */
  readonly paying: {
    readonly appointment: Appointment
    readonly money: AppointmentMoney | null
    readonly after: AfterPay
  } | null
  readonly busy: boolean
  readonly error: AppErrorShape | null
  /** A receipt or refund slip on screen, alone; printed at once when new. */
  readonly slip:
    | { readonly kind: 'receipt'; readonly receipt: Receipt; readonly autoPrint: boolean }
    | {
        readonly kind: 'refund'
        readonly slip: RefundSlip
        readonly autoPrint: boolean
        /** The appointment whose ticket comes up when the slip is closed (after a 改约). */
        readonly ticketAfter?: number
      }
    | null
}

/** The money side of this desk: the pay panel and the receipt or refund slip being shown. */
export const useCashier = create<CashierState>(() => ({
  paying: null,
  busy: false,
  error: null,
  slip: null,
}))

let seq = 0

/** Opens the pay panel for an appointment, quoting what is due now (the price list at this moment). */
export async function openPay(appointment: Appointment, after: AfterPay): Promise<void> {
  const mine = ++seq
  useCashier.setState({ paying: { appointment, money: null, after }, busy: false, error: null })
  // No price list in force that day: nothing to charge, the desk goes on as it did before fees.
  const rules = await bridge.call('fees.rules', { on: appointment.date })
  if (mine !== seq) return
  if (rules.ok && rules.value.length === 0) return closePay()
  const result = await bridge.call('payments.forAppointment', { appointmentId: appointment.id })
  if (mine !== seq) return
  if (!result.ok) return void useCashier.setState({ error: result.error })
  const m = result.value
  // This doctor has no price yet and nothing was paid: no panel either.
  if (m.payment === null && m.quote.source === 'NONE' && m.quote.totalFen === 0) return closePay()
  useCashier.setState((s) => (s.paying ? { paying: { ...s.paying, money: m } } : {}))
}

/** 稍后收费: the booking stays 待支付; a new walk-in still gets its ticket, an arrival its 签到. */
export function closePay(): void {
  const { paying } = useCashier.getState()
  seq++
  useCashier.setState({ paying: null, busy: false, error: null })
  if (paying?.after === 'ticket') void openTicket(paying.appointment.id, { print: true })
  if (paying?.after === 'checkIn') void checkIn(paying.appointment.id)
}

async function checkIn(appointmentId: number): Promise<void> {
  const result = await bridge.call('appointments.checkIn', { id: appointmentId })
  // Paying may already have checked a walk-in in; any other refusal shows on the day list's row.
  if (!result.ok && result.error.code !== 'ILLEGAL_TRANSITION')
    useCashier.setState({ error: result.error })
}

/**
 * Takes the payment for the amount the panel showed (the host refuses with STALE if the price
 * list changed meanwhile). Then prints: the ticket with its receipt, or the receipt alone.
 */
export async function pay(choice: PayChoice): Promise<void> {
  const { paying, busy } = useCashier.getState()
  if (!paying?.money || busy) return
  useCashier.setState({ busy: true, error: null })
  const result = await bridge.call('payments.pay', {
    appointmentId: paying.appointment.id,
    method: choice.method,
    expectedFen: choice.method === 'FREE' ? 0 : Math.max(paying.money.balanceFen, 0),
    ...(choice.tenderedFen !== undefined ? { tenderedFen: choice.tenderedFen } : {}),
    ...(choice.reason !== undefined ? { freeReason: choice.reason } : {}),
  })
  if (!result.ok) {
    useCashier.setState({ busy: false, error: result.error })
    // The price moved under the panel: show the new amount; the cashier confirms again.
    if (result.error.code === 'STALE') void openPay(paying.appointment, paying.after)
    return
  }
  seq++
  useCashier.setState({ paying: null, busy: false, error: null })
  if (paying.after === 'ticket')
    return void openTicket(paying.appointment.id, { print: true, receipt: result.value.receipt })
  if (paying.after === 'checkIn') await checkIn(paying.appointment.id)
  useCashier.setState({ slip: { kind: 'receipt', receipt: result.value.receipt, autoPrint: true } })
}

/** 补打收据: the host marks it 副本. */
export async function reprintReceipt(paymentId: number): Promise<AppErrorShape | null> {
  const result = await bridge.call('payments.receipt', { paymentId })
  if (!result.ok) return result.error
  useCashier.setState({ slip: { kind: 'receipt', receipt: result.value, autoPrint: false } })
  return null
}

/**
 * Shows a refund slip just made (printed at once) or asked for again; `ticketAfter` opens that
 * appointment's ticket once the slip is closed, so the desk sees one dialog at a time.
 */
export async function showRefundSlip(
  refundId: number,
  autoPrint: boolean,
  ticketAfter?: number,
): Promise<void> {
  const result = await bridge.call('payments.refundSlip', { refundId })
  if (result.ok)
    return void useCashier.setState({
      slip: { kind: 'refund', slip: result.value, autoPrint, ticketAfter },
    })
  if (ticketAfter !== undefined) void openTicket(ticketAfter)
}

export function closeSlip(): void {
  const { slip } = useCashier.getState()
  useCashier.setState({ slip: null })
  if (slip?.kind === 'refund' && slip.ticketAfter !== undefined) void openTicket(slip.ticketAfter)
}

/** Where an appointment stands with the desk (the cancel dialog shows the refund due). */
export const moneyOf = (appointmentId: number) =>
  bridge.call('payments.forAppointment', { appointmentId })
