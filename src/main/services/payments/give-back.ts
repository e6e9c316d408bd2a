import type { RefundDue, RefundMethod, Refund } from '../../../shared/contract/payments'
import { AppError } from '../../../shared/errors'
import { heldFen } from '../../../shared/money'
import type { Caller } from '../../../shared/roles'
import type { WriteContext } from '../../db/write'
import {
  loadPayment,
  loadRefund,
  nextNumber,
  paymentQuery,
  standingPayment,
  toPayment,
  type Db,
} from './rows'
import { lockPayment, lockStanding } from './locks'
import { ensureOpenShift } from './shifts'
import { owedOn } from './take'

export interface RefundInput {
  readonly paymentId: number
  readonly amountFen: number
  readonly method?: RefundMethod
  readonly reason: string
  readonly idempotencyKey?: string
}

/**
 * 退款: money back from a standing payment, out of the caller's open shift, never more than it
 * holds. A payment refunded in full stops standing, so the appointment can be paid again.
 */
export async function refund(w: WriteContext, caller: Caller, input: RefundInput): Promise<Refund> {
  // The payment's row lock comes first: a retry of the same key on another host waits for the
  // first to commit, then finds it (READ COMMITTED reads each statement afresh).
  await lockPayment(w.tx, input.paymentId)
  const first = input.idempotencyKey && (await refundByKey(w.tx, input.idempotencyKey))
  if (first) {
    if (first.paymentId !== input.paymentId || first.amountFen !== input.amountFen)
      throw new AppError('CONFLICT', {
        field: 'idempotencyKey',
        message: 'That submission key was already used for another refund.',
      })
    return first
  }
  const payment = await loadPayment(w.tx, input.paymentId)
  const held = payment.standing ? heldFen(payment) : 0
  if (input.amountFen > held)
    throw new AppError('REFUND_EXCEEDS_PAID', {
      field: 'amountFen',
      message: payment.standing
        ? `This payment holds ${held} fen: a refund cannot be more.`
        : 'This payment was carried over or refunded in full: it holds nothing.',
      details: { heldFen: held },
    })
  const method = input.method ?? (payment.method === 'FREE' ? undefined : payment.method)
  if (method === undefined)
    throw new AppError('INVALID_INPUT', {
      field: 'method',
      message: 'This receipt was 免收: say how the money goes back.',
    })
  const shift = await ensureOpenShift(w, caller)
  const refundNo = await nextNumber(w.tx, 'REFUND')
  const row = await w.tx
    .insertInto('refunds')
    .values({
      payment_id: payment.id,
      shift_id: shift.id,
      refund_no: refundNo,
      amount_fen: input.amountFen,
      method,
      reason: input.reason,
      cashier: caller.label,
      staff_id: caller.staffId ?? null,
      created_at: w.now,
      idempotency_key: input.idempotencyKey ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const stillHeld = held - input.amountFen
  if (stillHeld === 0)
    await w.tx
      .updateTable('payments')
      .set({ live_guard: null })
      .where('id', '=', payment.id)
      .execute()
  const made = await loadRefund(w.tx, row.id)
  w.audit({ entity: 'refund', entityId: made.id, after: made })
  w.emit('payments.changed', {
    appointmentId: payment.appointmentId,
    doctorId: payment.doctorId,
    date: payment.visitDate,
    // Paid as payments.paidStatus says it: still standing, nothing left owing.
    paid: stillHeld > 0 && owedOn(await loadPayment(w.tx, payment.id)) === 0,
  })
  w.emit('shifts.changed', { shiftId: shift.id })
  return made
}

/** The refund a submission key made, if it made one. */
async function refundByKey(db: Db, key: string): Promise<Refund | undefined> {
  const row = await db
    .selectFrom('refunds')
    .select('id')
    .where('idempotency_key', '=', key)
    .executeTakeFirst()
  return row && loadRefund(db, row.id)
}

/**
 * 退号 of a paid booking gives everything held back by the payment's method, in the same
 * transaction as the cancel. A 免收 receipt holds no money: it just stops standing.
 */
export async function refundOnCancel(
  w: WriteContext,
  caller: Caller,
  appointmentId: number,
  reason: string,
): Promise<Refund | null> {
  await lockStanding(w.tx, appointmentId)
  const standing = await standingPayment(w.tx, appointmentId)
  if (!standing) return null
  const held = heldFen(standing)
  if (held > 0 && standing.method !== 'FREE')
    return refund(w, caller, { paymentId: standing.id, amountFen: held, reason })
  if (held === 0)
    await w.tx
      .updateTable('payments')
      .set({ live_guard: null })
      .where('id', '=', standing.id)
      .execute()
  return null
}

/** Canceled appointments whose standing payment still holds money: what the desk owes back. */
export async function refundsDue(
  db: Db,
  filter: { doctorId?: number; date?: string },
): Promise<RefundDue[]> {
  let q = paymentQuery(db)
    .innerJoin('appointments as a', 'a.id', 'p.appointment_id')
    .innerJoin('patients as pt', 'pt.id', 'a.patient_id')
    .select(['pt.name as patient_name', 'pt.phone as patient_phone', 'a.cancel_reason'])
    .where('p.live_guard', '=', 1)
    .where('a.status', '=', 'CANCELED')
  if (filter.doctorId !== undefined) q = q.where('p.doctor_id', '=', filter.doctorId)
  if (filter.date !== undefined) q = q.where('p.visit_date', '=', filter.date)
  const rows = await q.orderBy('p.visit_date').orderBy('p.id').execute()
  return rows
    .map((r) => ({
      payment: toPayment(r),
      patientName: r.patient_name,
      patientPhone: r.patient_phone,
      heldFen: 0,
      cancelReason: r.cancel_reason,
    }))
    .map((d) => ({ ...d, heldFen: heldFen(d.payment) }))
    .filter((d) => d.heldFen > 0)
}
