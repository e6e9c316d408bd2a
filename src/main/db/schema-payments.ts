import type { Generated } from 'kysely'
import type { MoneyCounterKind, PayMethod, RefundMethod } from '../../shared/contract/payments'

/** Tables of 0014_payments.sql. Every *_fen column is an integer number of fen. */
export interface CashShiftsTable {
  id: Generated<number>
  cashier: string
  staff_id: number | null
  opened_at: string
  opening_float_fen: Generated<number>
  /** 1 while open, NULL once closed. */
  open_guard: Generated<1 | null>
  closed_at: string | null
  closed_by: string | null
  counted_cash_fen: number | null
  total_fen: number | null
  expected_cash_fen: number | null
}

export interface ShiftCorrectionsTable {
  id: Generated<number>
  shift_id: number
  counted_cash_fen: number
  reason: string
  created_by: string
  created_at: string
}

export interface MoneyCountersTable {
  kind: MoneyCounterKind
  last_no: number
}

export interface PaymentsTable {
  id: Generated<number>
  appointment_id: number
  doctor_id: number
  department_id: number
  visit_date: string
  shift_id: number
  receipt_no: number
  due_fen: number
  amount_fen: number
  carried_fen: Generated<number>
  method: PayMethod
  free_reason: string | null
  tendered_fen: number | null
  /** The FeeQuote as JSON. */
  quote: string
  carried_from: number | null
  /** 1 while this is the appointment's standing payment, NULL once superseded or refunded in full. */
  live_guard: Generated<1 | null>
  cashier: string
  staff_id: number | null
  created_at: string
}

export interface RefundsTable {
  id: Generated<number>
  payment_id: number
  shift_id: number
  refund_no: number
  amount_fen: number
  method: RefundMethod
  reason: string
  cashier: string
  staff_id: number | null
  created_at: string
  /** The submission's key (payments.refund), so a retry answers this refund; NULL for 退号's own. */
  idempotency_key: string | null
}

export interface PaymentTables {
  cash_shifts: CashShiftsTable
  shift_corrections: ShiftCorrectionsTable
  money_counters: MoneyCountersTable
  payments: PaymentsTable
  refunds: RefundsTable
}
