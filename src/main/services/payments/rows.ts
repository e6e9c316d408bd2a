import { sql, type Transaction } from 'kysely'
import type { Payment, Refund, Shift, ShiftCorrection } from '../../../shared/contract/payments'
import type { MoneyCounterKind } from '../../../shared/contract/payments'
import { AppError } from '../../../shared/errors'
import type { DB } from '../../db/schema'
import type { ReadDb } from '../../db/write'

export type Db = ReadDb | Transaction<DB>

/** Payments with what has been refunded from each: every read of a Payment goes through this. */
export function paymentQuery(db: Db) {
  return db
    .selectFrom('payments as p')
    .selectAll('p')
    .select(
      sql<number>`(SELECT coalesce(sum(r.amount_fen), 0) FROM refunds r WHERE r.payment_id = p.id)`.as(
        'refunded_fen',
      ),
    )
}
type PaymentRow = Awaited<ReturnType<ReturnType<typeof paymentQuery>['executeTakeFirstOrThrow']>>

export const toPayment = (r: PaymentRow): Payment => ({
  id: r.id,
  appointmentId: r.appointment_id,
  doctorId: r.doctor_id,
  departmentId: r.department_id,
  visitDate: r.visit_date,
  shiftId: r.shift_id,
  receiptNo: r.receipt_no,
  dueFen: r.due_fen,
  amountFen: r.amount_fen,
  carriedFen: r.carried_fen,
  refundedFen: Number(r.refunded_fen),
  method: r.method,
  freeReason: r.free_reason,
  tenderedFen: r.tendered_fen,
  carriedFrom: r.carried_from,
  standing: r.live_guard === 1,
  cashier: r.cashier,
  createdAt: r.created_at,
})

export async function loadPayment(db: Db, id: number, field = 'paymentId'): Promise<Payment> {
  const row = await paymentQuery(db).where('p.id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', { field, message: 'That payment does not exist.' })
  return toPayment(row)
}

/** The appointment's standing payment (at most one: UNIQUE (appointment_id, live_guard)). */
export async function standingPayment(db: Db, appointmentId: number): Promise<Payment | null> {
  const row = await paymentQuery(db)
    .where('p.appointment_id', '=', appointmentId)
    .where('p.live_guard', '=', 1)
    .executeTakeFirst()
  return row ? toPayment(row) : null
}

export function refundQuery(db: Db) {
  return db
    .selectFrom('refunds as r')
    .innerJoin('payments as p', 'p.id', 'r.payment_id')
    .selectAll('r')
    .select('p.appointment_id')
}
type RefundRow = Awaited<ReturnType<ReturnType<typeof refundQuery>['executeTakeFirstOrThrow']>>

export const toRefund = (r: RefundRow): Refund => ({
  id: r.id,
  paymentId: r.payment_id,
  appointmentId: r.appointment_id,
  shiftId: r.shift_id,
  refundNo: r.refund_no,
  amountFen: r.amount_fen,
  method: r.method,
  reason: r.reason,
  cashier: r.cashier,
  createdAt: r.created_at,
})

export async function loadRefund(db: Db, id: number): Promise<Refund> {
  const row = await refundQuery(db).where('r.id', '=', id).executeTakeFirst()
  if (!row)
    throw new AppError('NOT_FOUND', { field: 'refundId', message: 'That refund does not exist.' })
  return toRefund(row)
}

type ShiftRow = Awaited<ReturnType<ReturnType<typeof shiftQuery>['executeTakeFirstOrThrow']>>
export const shiftQuery = (db: Db) => db.selectFrom('cash_shifts').selectAll()

export const toShift = (r: ShiftRow): Shift => ({
  id: r.id,
  cashier: r.cashier,
  openedAt: r.opened_at,
  openingFloatFen: r.opening_float_fen,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
  countedCashFen: r.counted_cash_fen,
  totalFen: r.total_fen,
  expectedCashFen: r.expected_cash_fen,
})

export async function loadShift(db: Db, id: number): Promise<Shift> {
  const row = await shiftQuery(db).where('id', '=', id).executeTakeFirst()
  if (!row)
    throw new AppError('NOT_FOUND', { field: 'shiftId', message: 'That shift does not exist.' })
  return toShift(row)
}

export async function loadCorrections(db: Db, shiftId: number): Promise<ShiftCorrection[]> {
  const rows = await db
    .selectFrom('shift_corrections')
    .selectAll()
    .where('shift_id', '=', shiftId)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    shiftId: r.shift_id,
    countedCashFen: r.counted_cash_fen,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }))
}

/**
 * The next receipt or refund-slip number: one guarded UPDATE … RETURNING on the counter row, so
 * two desks never get the same number (the row is locked until the transaction ends).
 */
export async function nextNumber(tx: Transaction<DB>, kind: MoneyCounterKind): Promise<number> {
  const row = await tx
    .updateTable('money_counters')
    .set((eb) => ({ last_no: eb('last_no', '+', 1) }))
    .where('kind', '=', kind)
    .returning('last_no')
    .executeTakeFirstOrThrow()
  return row.last_no
}
