import type { Shift, ShiftSheet } from '../../../shared/contract/payments'
import { AppError } from '../../../shared/errors'
import { summarize } from '../../../shared/money'
import type { Caller } from '../../../shared/roles'
import { onPgTx } from '../../db/compiled'
import type { WriteContext } from '../../db/write'
import { lockShift } from './locks'
import {
  loadCorrections,
  loadShift,
  paymentQuery,
  refundQuery,
  shiftQuery,
  toPayment,
  toRefund,
  toShift,
  type Db,
} from './rows'

/** The caller's open shift, if any (at most one: UNIQUE (cashier, open_guard)). */
export async function openShiftOf(db: Db, cashier: string): Promise<Shift | null> {
  const row = await shiftQuery(db)
    .where('cashier', '=', cashier)
    .where('open_guard', '=', 1)
    .executeTakeFirst()
  return row ? toShift(row) : null
}

/** 开班, audited. SHIFT_OPEN when the caller already has one. */
export async function openShift(w: WriteContext, caller: Caller, floatFen: number): Promise<Shift> {
  const open = await openShiftOf(w.tx, caller.label)
  const made = open ? undefined : await insertShift(w, caller, floatFen)
  if (made) return made
  const shiftId = (open ?? (await openShiftOf(w.tx, caller.label)))?.id
  throw new AppError('SHIFT_OPEN', { field: 'openingFloatFen', details: { shiftId } })
}

/**
 * A new open shift, audited; undefined when the cashier has one after all: on PostgreSQL
 * another host may be opening theirs at this moment, and ON CONFLICT waits for it rather than
 * failing on UNIQUE (cashier, open_guard).
 */
async function insertShift(
  w: WriteContext,
  caller: Caller,
  floatFen: number,
): Promise<Shift | undefined> {
  const row = await w.tx
    .insertInto('cash_shifts')
    .values({
      cashier: caller.label,
      staff_id: caller.staffId ?? null,
      opened_at: w.now,
      opening_float_fen: floatFen,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst()
  if (!row) return undefined
  const shift = toShift(row)
  w.audit({ entity: 'cash_shift', entityId: shift.id, after: shift })
  w.emit('shifts.changed', { shiftId: shift.id })
  return shift
}

/**
 * The caller's open shift for money to go into. On PostgreSQL it is share-locked: a close waits
 * until this money is in, and a shift a close took first is not picked (READ COMMITTED checks
 * open_guard again once the close commits), so no payment lands beside a close's sums.
 */
async function openShiftForMoney(w: WriteContext, cashier: string): Promise<Shift | null> {
  const row = await shiftQuery(w.tx)
    .where('cashier', '=', cashier)
    .where('open_guard', '=', 1)
    .$if(onPgTx(w.tx), (q) => q.forShare())
    .executeTakeFirst()
  return row ? toShift(row) : null
}

/**
 * The shift money goes into: the caller's open one, or a new one with no float, so a desk that
 * forgot 开班 is never stopped in front of a patient (the sheet shows when it was opened).
 */
export async function ensureOpenShift(w: WriteContext, caller: Caller): Promise<Shift> {
  const shift =
    (await openShiftForMoney(w, caller.label)) ??
    (await insertShift(w, caller, 0)) ??
    (await openShiftForMoney(w, caller.label))
  // Only if another host opened the cashier's shift and closed it again within this moment.
  if (!shift) throw new AppError('STALE', { message: 'The shift changed: try again.' })
  return shift
}

/** The sheet: live sums while open, the same rows once closed (nothing joins a closed shift). */
export async function shiftSheet(db: Db, shiftId: number): Promise<ShiftSheet> {
  const shift = await loadShift(db, shiftId)
  const payments = (
    await paymentQuery(db).where('p.shift_id', '=', shiftId).orderBy('p.receipt_no').execute()
  ).map(toPayment)
  const refunds = (
    await refundQuery(db).where('r.shift_id', '=', shiftId).orderBy('r.refund_no').execute()
  ).map(toRefund)
  const corrections = await loadCorrections(db, shiftId)
  const totals = summarize(payments, refunds, shift.openingFloatFen)
  const counted = corrections.at(-1)?.countedCashFen ?? shift.countedCashFen
  return {
    shift,
    ...totals,
    differenceFen: counted === null ? null : counted - totals.expectedCashFen,
    payments,
    refunds,
    corrections,
  }
}

/** A receptionist acts only on their own shift; an admin on any. */
function requireOwn(shift: Shift, caller: Caller): void {
  if (caller.role !== 'admin' && shift.cashier !== caller.label)
    throw new AppError('FORBIDDEN', {
      field: 'shiftId',
      message: 'That is another cashier’s shift.',
    })
}

/**
 * 日结: freezes the totals with the counted cash. The UPDATE is guarded on the shift still
 * being open, so two closes racing end with one SHIFT_CLOSED and the other's figures.
 */
export async function closeShift(
  w: WriteContext,
  caller: Caller,
  shiftId: number,
  countedCashFen: number,
): Promise<ShiftSheet> {
  // PostgreSQL: waits for money already going in, holds off new money (locks.ts).
  await lockShift(w.tx, shiftId)
  const shift = await loadShift(w.tx, shiftId)
  requireOwn(shift, caller)
  if (shift.closedAt !== null) throw new AppError('SHIFT_CLOSED', { field: 'shiftId' })
  const sheet = await shiftSheet(w.tx, shiftId)
  const closed = await w.tx
    .updateTable('cash_shifts')
    .set({
      open_guard: null,
      closed_at: w.now,
      closed_by: caller.label,
      counted_cash_fen: countedCashFen,
      total_fen: sheet.totalFen,
      expected_cash_fen: sheet.expectedCashFen,
    })
    .where('id', '=', shiftId)
    .where('closed_at', 'is', null)
    .executeTakeFirst()
  if (Number(closed.numUpdatedRows) !== 1) throw new AppError('SHIFT_CLOSED', { field: 'shiftId' })
  const after = await shiftSheet(w.tx, shiftId)
  w.audit({
    entity: 'cash_shift',
    entityId: shiftId,
    before: { closedAt: null },
    after: {
      closedAt: w.now,
      countedCashFen,
      totalFen: sheet.totalFen,
      expectedCashFen: sheet.expectedCashFen,
      differenceFen: after.differenceFen,
    },
  })
  w.emit('shifts.changed', { shiftId })
  return after
}

/** A recount of a closed shift: a linked row; the shift stays as it was closed. */
export async function correctShift(
  w: WriteContext,
  caller: Caller,
  input: { shiftId: number; countedCashFen: number; reason: string },
): Promise<ShiftSheet> {
  const shift = await loadShift(w.tx, input.shiftId)
  requireOwn(shift, caller)
  if (shift.closedAt === null)
    throw new AppError('INVALID_INPUT', {
      field: 'shiftId',
      message: 'An open shift is corrected by closing it with the right count.',
    })
  const row = await w.tx
    .insertInto('shift_corrections')
    .values({
      shift_id: input.shiftId,
      counted_cash_fen: input.countedCashFen,
      reason: input.reason,
      created_by: caller.label,
      created_at: w.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  w.audit({ entity: 'shift_correction', entityId: row.id, after: input })
  w.emit('shifts.changed', { shiftId: input.shiftId })
  return shiftSheet(w.tx, input.shiftId)
}
