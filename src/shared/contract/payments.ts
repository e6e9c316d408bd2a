import { z } from 'zod'
import type { Audience } from '../roles'
import { event, method } from './define'
import { FeeQuote, fen } from './fees'
import { idempotencyKey } from './appointments'
import { id, instant, isoDate, shortText } from './fields'

/**
 * How the desk was paid (0014_payments.sql): 现金, 微信, 支付宝, 银行卡, 医保, or 免收 (free, with a
 * reason). Nothing is charged electronically: the desk records what it took.
 */
export const PAY_METHODS = ['CASH', 'WECHAT', 'ALIPAY', 'CARD', 'INSURANCE', 'FREE'] as const
export const PayMethod = z.enum(PAY_METHODS)
export type PayMethod = z.infer<typeof PayMethod>

/** A refund goes back by a method that moves money: never 免收. */
export const REFUND_METHODS = ['CASH', 'WECHAT', 'ALIPAY', 'CARD', 'INSURANCE'] as const
export const RefundMethod = z.enum(REFUND_METHODS)
export type RefundMethod = z.infer<typeof RefundMethod>

/** The two number sequences: receipts (收据) and refund slips (退款单). */
export type MoneyCounterKind = 'RECEIPT' | 'REFUND'

/** A reason a person typed (免收, 退号, a recount): never blank. */
const reason = shortText.min(1)

/** A month, YYYY-MM. */
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')

export const Payment = z.object({
  id,
  appointmentId: id,
  doctorId: id,
  departmentId: id,
  visitDate: isoDate,
  shiftId: id,
  receiptNo: z.number().int(),
  /** What the price list asked at payment time; later price changes never alter it. */
  dueFen: z.number().int(),
  /** What this receipt put in the drawer (0 for 免收, and for a 改约 carried over). */
  amountFen: z.number().int(),
  /** What it took over from the payment it supersedes (改约, or paying a difference). */
  carriedFen: z.number().int(),
  /** Refunded so far from this payment. */
  refundedFen: z.number().int(),
  method: PayMethod,
  freeReason: z.string().nullable(),
  /** Cash only: what the patient handed over; the change is tenderedFen − amountFen. */
  tenderedFen: z.number().int().nullable(),
  carriedFrom: id.nullable(),
  /** Whether this is the appointment's standing payment (not superseded, not refunded in full). */
  standing: z.boolean(),
  cashier: z.string(),
  createdAt: instant,
})
export type Payment = z.infer<typeof Payment>

export const Refund = z.object({
  id,
  paymentId: id,
  appointmentId: id,
  shiftId: id,
  refundNo: z.number().int(),
  amountFen: z.number().int(),
  method: RefundMethod,
  reason: z.string(),
  cashier: z.string(),
  createdAt: instant,
})
export type Refund = z.infer<typeof Refund>

/** Where an appointment stands with the desk: the quote, what is held, what is still due. */
export const AppointmentMoney = z.object({
  appointmentId: id,
  /** The price list's quote now, for an unpaid appointment; the stored one once paid. */
  quote: FeeQuote,
  /** The standing payment, if any. */
  payment: Payment.nullable(),
  /** Paid and not refunded: amount + carried − refunded of the standing payment. */
  heldFen: z.number().int(),
  /** Still to take (positive) or to give back (negative): quote total − held. */
  balanceFen: z.number().int(),
  refunds: z.array(Refund),
})
export type AppointmentMoney = z.infer<typeof AppointmentMoney>

/** What a receipt (收据) prints; a re-print says 副本/copy. */
export const Receipt = z.object({
  payment: Payment,
  copy: z.boolean(),
  clinicName: z.string(),
  patientName: z.string(),
  doctorName: z.string(),
  doctorTitle: z.string(),
  departmentName: z.string(),
  visitDate: isoDate,
  startTime: z.string(),
  queueNo: z.number().int(),
  /** The receipt's number as printed, e.g. "SJ00000042". */
  receiptLabel: z.string(),
  printedAt: instant,
})
export type Receipt = z.infer<typeof Receipt>

/** What a refund slip (退款单) prints. */
export const RefundSlip = z.object({
  refund: Refund,
  clinicName: z.string(),
  patientName: z.string(),
  receiptLabel: z.string(),
  /** The slip's number as printed, e.g. "TK00000007". */
  refundLabel: z.string(),
  printedAt: instant,
})
export type RefundSlip = z.infer<typeof RefundSlip>

export const PayResult = z.object({
  payment: Payment,
  /** Cash: the change to give back; null for other methods. */
  changeFen: z.number().int().nullable(),
  /** The original receipt (copy false); payments.receipt re-prints it as a copy. */
  receipt: Receipt,
  /** The appointment's status after paying (a PENDING booking becomes CONFIRMED). */
  status: z.string(),
})
export type PayResult = z.infer<typeof PayResult>

export const RefundResult = z.object({ refund: Refund, slip: RefundSlip })
export type RefundResult = z.infer<typeof RefundResult>

/** Per method: money taken, money given back, and the net. */
export const MethodTotal = z.object({
  method: PayMethod,
  paidFen: z.number().int(),
  refundedFen: z.number().int(),
  netFen: z.number().int(),
  count: z.number().int(),
})
export type MethodTotal = z.infer<typeof MethodTotal>

export const ShiftCorrection = z.object({
  id,
  shiftId: id,
  countedCashFen: z.number().int(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: instant,
})
export type ShiftCorrection = z.infer<typeof ShiftCorrection>

export const Shift = z.object({
  id,
  cashier: z.string(),
  openedAt: instant,
  openingFloatFen: z.number().int(),
  closedAt: instant.nullable(),
  closedBy: z.string().nullable(),
  countedCashFen: z.number().int().nullable(),
  /** Frozen at close: payments − refunds of the shift. */
  totalFen: z.number().int().nullable(),
  /** Frozen at close: float + cash taken − cash given back. */
  expectedCashFen: z.number().int().nullable(),
})
export type Shift = z.infer<typeof Shift>

/** The day-end sheet (日结/交班单): live while the shift is open, frozen once closed. */
export const ShiftSheet = z.object({
  shift: Shift,
  byMethod: z.array(MethodTotal),
  /** payments − refunds, every method. */
  totalFen: z.number().int(),
  expectedCashFen: z.number().int(),
  /** counted − expected cash, once counted (the latest correction's count if any). */
  differenceFen: z.number().int().nullable(),
  /** Receipts paid with money, 免收 receipts, refund slips. */
  counts: z.object({ paid: z.number().int(), free: z.number().int(), refunded: z.number().int() }),
  payments: z.array(Payment),
  refunds: z.array(Refund),
  corrections: z.array(ShiftCorrection),
})
export type ShiftSheet = z.infer<typeof ShiftSheet>

/** A payment still held for an appointment that was canceled without a refund (停诊, a cancel by phone). */
export const RefundDue = z.object({
  payment: Payment,
  patientName: z.string(),
  patientPhone: z.string().nullable(),
  heldFen: z.number().int(),
  cancelReason: z.string().nullable(),
})
export type RefundDue = z.infer<typeof RefundDue>

export const MonthSummary = z.object({
  month: isoMonth,
  byMethod: z.array(MethodTotal),
  byDay: z.array(
    z.object({ date: isoDate, paidFen: z.number().int(), refundedFen: z.number().int() }),
  ),
  totalFen: z.number().int(),
  counts: z.object({ paid: z.number().int(), free: z.number().int(), refunded: z.number().int() }),
  shifts: z.array(Shift),
})
export type MonthSummary = z.infer<typeof MonthSummary>

export const paymentMethods = {
  'payments.forAppointment': method({
    summary:
      "Where an appointment stands with the desk: the fee due (quoted now if unpaid, as charged if paid), the standing payment, refunds, and the balance still to take or give back. `staff` quotes a member of staff's visit (free under the price list's rule).",
    input: z.strictObject({ appointmentId: id, staff: z.boolean().default(false) }),
    result: AppointmentMoney,
    roles: ['admin', 'reception'],
  }),
  'payments.pay': method({
    summary:
      "收费: records what the desk took for an appointment, quoted from the price list at this moment and stored with it, into the caller's open shift (opened with no float if none is open). Cash gives `tenderedFen` and gets the change. 免收 needs a reason; a free quote (复诊, staff) must be paid 免收. `expectedFen` is the amount the screen showed: if the price list says otherwise now, STALE and nothing is written. A PENDING booking becomes CONFIRMED (a PENDING walk-in CHECKED_IN). Paying a paid appointment: ALREADY_PAID, unless a 改约 left a difference, which this takes.",
    input: z.strictObject({
      appointmentId: id,
      method: PayMethod,
      expectedFen: fen,
      tenderedFen: fen.optional(),
      freeReason: reason.optional(),
      staff: z.boolean().default(false),
    }),
    result: PayResult,
    roles: ['admin', 'reception'],
  }),
  'payments.receipt': method({
    summary: 'Re-prints a receipt (收据), marked 副本/copy.',
    input: z.strictObject({ paymentId: id }),
    result: Receipt,
    roles: ['admin', 'reception'],
  }),
  'payments.refund': method({
    summary:
      "Gives money back from a payment, out of the caller's open shift: by the payment's method unless another is named; never more than the payment still holds (REFUND_EXCEEDS_PAID). Returns the refund slip. The same idempotencyKey answers the first refund (CONFLICT if it was used for another payment or amount). 退号 of a paid booking refunds it in full by itself.",
    input: z.strictObject({
      paymentId: id,
      amountFen: fen.refine((n) => n > 0, 'A refund is more than nothing.'),
      method: RefundMethod.optional(),
      reason,
      idempotencyKey: idempotencyKey.optional(),
    }),
    result: RefundResult,
    roles: ['admin', 'reception'],
  }),
  'payments.refundSlip': method({
    summary: 'Re-prints a refund slip (退款单).',
    input: z.strictObject({ refundId: id }),
    result: RefundSlip,
    roles: ['admin', 'reception'],
  }),
  'payments.refundsDue': method({
    summary:
      'Canceled appointments whose payment is still held (a 停诊 bulk cancel, a cancel that could not refund): the refunds the desk owes, oldest first; optionally one doctor or one day.',
    input: z.strictObject({ doctorId: id.optional(), date: isoDate.optional() }),
    result: z.array(RefundDue),
    roles: ['admin', 'reception'],
  }),
  'payments.paidStatus': method({
    summary:
      "Whether each of a doctor-day's appointments is paid (nothing left owing): yes or no, never the amount (a doctor only their own); `charging`: whether a price list is in force that day at all (without one nothing is unpaid).",
    input: z.strictObject({ doctorId: id, date: isoDate }),
    result: z.object({
      charging: z.boolean(),
      appointments: z.array(z.object({ appointmentId: id, paid: z.boolean() })),
    }),
    roles: ['admin', 'reception', 'doctor'],
    owner: { field: 'doctorId' },
  }),
  'shifts.current': method({
    summary: "The caller's open shift with its live sheet, or null when none is open.",
    input: z.strictObject({}),
    result: ShiftSheet.nullable(),
    roles: ['admin', 'reception'],
  }),
  'shifts.open': method({
    summary:
      '开班: opens a shift for the caller with the float (备用金) in the drawer. SHIFT_OPEN when one is already open.',
    input: z.strictObject({ openingFloatFen: fen.default(0) }),
    result: Shift,
    roles: ['admin', 'reception'],
  }),
  'shifts.close': method({
    summary:
      '日结/交班: closes the shift with the cash the cashier counted, freezing its totals; the sheet shows totals by method, counts, receipts and the difference against the counted cash. Closing a closed shift: SHIFT_CLOSED. A receptionist closes only their own shift, an admin any.',
    input: z.strictObject({ shiftId: id, countedCashFen: fen }),
    result: ShiftSheet,
    roles: ['admin', 'reception'],
  }),
  'shifts.correct': method({
    summary:
      "A closed shift's recount: a new linked entry with the counted cash and why; the shift itself never changes.",
    input: z.strictObject({ shiftId: id, countedCashFen: fen, reason }),
    result: ShiftSheet,
    roles: ['admin', 'reception'],
  }),
  'shifts.get': method({
    summary: "One shift's sheet (printable on A4).",
    input: z.strictObject({ shiftId: id }),
    result: ShiftSheet,
    roles: ['admin', 'reception'],
  }),
  'shifts.list': method({
    summary:
      'Every shift opened in a range of days (clinic time), newest first; optionally one cashier.',
    input: z.strictObject({ from: isoDate, to: isoDate, cashier: shortText.optional() }),
    result: z.array(Shift),
    roles: ['admin'],
  }),
  'money.month': method({
    summary:
      "A month's takings: by method, by day (of payment, clinic time), counts and the month's shifts.",
    input: z.strictObject({ month: isoMonth }),
    result: MonthSummary,
    roles: ['admin'],
  }),
}

const ownDoctor = (caller: Audience, p: { doctorId: number }): boolean =>
  caller.role !== 'doctor' || caller.doctorId === p.doctorId

export const paymentEvents = {
  'payments.changed': event({
    summary:
      'An appointment was paid, refunded or its payment carried over: whether it is paid now (never the amount, doctors get it too).',
    payload: z.object({ appointmentId: id, doctorId: id, date: isoDate, paid: z.boolean() }),
    roles: ['admin', 'reception', 'doctor'],
    visibleTo: ownDoctor,
  }),
  'shifts.changed': event({
    summary: 'A shift was opened, took money, was closed or corrected: its sheet changed.',
    payload: z.object({ shiftId: id }),
    roles: ['admin', 'reception'],
  }),
}
