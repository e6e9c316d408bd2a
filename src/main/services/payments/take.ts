import type { Appointment } from '../../../shared/contract'
import type { FeeQuote } from '../../../shared/contract/fees'
import type { Payment, PayMethod } from '../../../shared/contract/payments'
import { AppError } from '../../../shared/errors'
import { quoteFee } from '../../../shared/fees'
import { FREE_REASON_TEXT, heldFen } from '../../../shared/money'
import type { Caller } from '../../../shared/roles'
import type { WriteContext } from '../../db/write'
import { loadAppointment } from '../appointments/rows'
import { readRules } from '../fees/rules'
import { visitFacts } from '../fees/visit'
import { loadPayment, nextNumber, standingPayment, type Db } from './rows'
import { lockAppointment, lockStanding } from './locks'
import { ensureOpenShift } from './shifts'

/** What a standing payment still lacks of its due; 免收 waived it all. */
export const owedOn = (p: Payment): number =>
  p.method === 'FREE' ? 0 : Math.max(0, p.dueFen - heldFen(p))

/** Appointments that can no longer be paid for. */
const UNPAYABLE = ['CANCELED', 'NO_SHOW'] as const

/** The price list's quote for an appointment now (what a fresh payment stores). */
export async function quoteFor(
  db: Db,
  a: Pick<Appointment, 'doctorId' | 'date' | 'startTime' | 'patientId'>,
  staff: boolean,
): Promise<FeeQuote> {
  const facts = await visitFacts(db, {
    doctorId: a.doctorId,
    date: a.date,
    startTime: a.startTime,
    patientId: a.patientId,
    staff,
  })
  return quoteFee(await readRules(db), facts)
}

export interface PayInput {
  readonly appointmentId: number
  readonly method: PayMethod
  readonly expectedFen: number
  readonly tenderedFen?: number
  readonly freeReason?: string
  readonly staff: boolean
}

/** The method's own fields: cash needs what was tendered, 免收 a reason, nothing else either. */
function checkMethod(input: PayInput, dueFen: number, quote: FeeQuote): string | null {
  if (input.method === 'CASH') {
    if (input.tenderedFen === undefined)
      throw new AppError('INVALID_INPUT', {
        field: 'tenderedFen',
        message: 'Say how much cash the patient handed over.',
      })
    if (input.tenderedFen < dueFen)
      throw new AppError('INVALID_INPUT', {
        field: 'tenderedFen',
        message: 'The cash handed over is less than the fee.',
      })
  } else if (input.tenderedFen !== undefined)
    throw new AppError('INVALID_INPUT', {
      field: 'tenderedFen',
      message: 'Only a cash payment has an amount tendered.',
    })
  if (dueFen === 0 && input.method !== 'FREE')
    throw new AppError('INVALID_INPUT', {
      field: 'method',
      message: 'Nothing is due for this visit: record it as 免收.',
    })
  if (input.method !== 'FREE') {
    if (input.freeReason !== undefined)
      throw new AppError('INVALID_INPUT', {
        field: 'freeReason',
        message: 'Only a 免收 visit has a reason for being free.',
      })
    return null
  }
  // The price list's own reason, else 免费 when it asks nothing (no fee set for this doctor).
  const reason =
    input.freeReason ??
    (quote.free ? FREE_REASON_TEXT[quote.free] : dueFen === 0 ? '免费' : undefined)
  if (reason === undefined)
    throw new AppError('INVALID_INPUT', {
      field: 'freeReason',
      message: 'Say why the visit is free.',
    })
  return reason
}

/** PENDING (待支付) becomes CONFIRMED once paid; a walk-in of today goes straight into the queue. */
async function confirmIfPending(w: WriteContext, a: Appointment, today: string): Promise<string> {
  if (a.status !== 'PENDING') return a.status
  const walkIn = a.source === 'WALK_IN' && a.date === today
  const to = walkIn ? 'CHECKED_IN' : 'CONFIRMED'
  const changed = await w.tx
    .updateTable('appointments')
    .set({ status: to, updated_at: w.now, ...(walkIn ? { checked_in_at: w.now } : {}) })
    .where('id', '=', a.id)
    .where('status', '=', 'PENDING')
    .executeTakeFirst()
  if (Number(changed.numUpdatedRows) !== 1) throw new AppError('STALE')
  w.audit({
    entity: 'appointment',
    entityId: a.id,
    before: { status: 'PENDING' },
    after: { status: to },
  })
  w.emit('appointments.changed', { doctorId: a.doctorId, date: a.date, appointmentIds: [a.id] })
  if (a.date === today) w.emit('display.changed', { doctorId: a.doctorId })
  return to
}

interface NewPayment {
  readonly appointment: Appointment
  readonly departmentId: number
  readonly dueFen: number
  readonly amountFen: number
  readonly method: PayMethod
  readonly freeReason: string | null
  readonly tenderedFen: number | null
  readonly quote: FeeQuote
  /** The standing payment this one supersedes, its holding carried over. */
  readonly supersedes: Payment | null
}

/** Writes a receipt row into the caller's open shift, superseding the old standing one. */
async function insertPayment(w: WriteContext, caller: Caller, p: NewPayment): Promise<Payment> {
  const shift = await ensureOpenShift(w, caller)
  if (p.supersedes) {
    await w.tx
      .updateTable('payments')
      .set({ live_guard: null })
      .where('id', '=', p.supersedes.id)
      .execute()
  }
  const receiptNo = await nextNumber(w.tx, 'RECEIPT')
  const row = await w.tx
    .insertInto('payments')
    .values({
      appointment_id: p.appointment.id,
      doctor_id: p.appointment.doctorId,
      department_id: p.departmentId,
      visit_date: p.appointment.date,
      shift_id: shift.id,
      receipt_no: receiptNo,
      due_fen: p.dueFen,
      amount_fen: p.amountFen,
      carried_fen: p.supersedes ? heldFen(p.supersedes) : 0,
      method: p.method,
      free_reason: p.freeReason,
      tendered_fen: p.tenderedFen,
      quote: JSON.stringify(p.quote),
      carried_from: p.supersedes?.id ?? null,
      cashier: caller.label,
      staff_id: caller.staffId ?? null,
      created_at: w.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const payment = await loadPayment(w.tx, row.id)
  w.audit({ entity: 'payment', entityId: payment.id, after: payment })
  w.emit('payments.changed', {
    appointmentId: p.appointment.id,
    doctorId: p.appointment.doctorId,
    date: p.appointment.date,
    // A 改约 to a dearer doctor moves the payment but leaves the difference owing.
    paid: owedOn(payment) === 0,
  })
  w.emit('shifts.changed', { shiftId: shift.id })
  return payment
}

const departmentOf = async (db: Db, doctorId: number): Promise<number> =>
  (
    await db
      .selectFrom('doctors')
      .select('department_id')
      .where('id', '=', doctorId)
      .executeTakeFirstOrThrow()
  ).department_id

/**
 * 收费. A fresh payment stores the price list's quote of this moment; a standing payment that a
 * 改约 left short takes the difference instead. Everything is checked before the first write.
 */
export async function pay(
  w: WriteContext,
  caller: Caller,
  input: PayInput,
  today: string,
): Promise<{ payment: Payment; status: string }> {
  // Locked before they are read (PostgreSQL): a second desk paying the same appointment waits,
  // then finds it paid.
  await lockAppointment(w.tx, input.appointmentId)
  await lockStanding(w.tx, input.appointmentId)
  const a = await loadAppointment(w.tx, input.appointmentId)
  if ((UNPAYABLE as readonly string[]).includes(a.status))
    throw new AppError('ILLEGAL_TRANSITION', {
      field: 'appointmentId',
      message: `An appointment that is ${a.status} cannot be paid for.`,
      details: { from: a.status },
    })
  const standing = await standingPayment(w.tx, a.id)
  const owed = standing ? owedOn(standing) : null
  if (standing && (owed ?? 0) <= 0)
    throw new AppError('ALREADY_PAID', {
      field: 'appointmentId',
      details: { paymentId: standing.id },
    })
  const quote = standing
    ? (JSON.parse(await storedQuote(w, standing.id)) as FeeQuote)
    : await quoteFor(w.tx, a, input.staff)
  const dueFen = owed ?? quote.totalFen
  if (input.expectedFen !== dueFen)
    throw new AppError('STALE', {
      field: 'expectedFen',
      message: `The fee due is now ${dueFen} fen, not ${input.expectedFen}: show it again.`,
      details: { dueFen },
    })
  const freeReason = checkMethod(input, dueFen, quote)
  const payment = await insertPayment(w, caller, {
    appointment: a,
    departmentId: await departmentOf(w.tx, a.doctorId),
    dueFen: standing ? standing.dueFen : dueFen,
    amountFen: input.method === 'FREE' ? 0 : dueFen,
    method: input.method,
    freeReason,
    tenderedFen: input.method === 'CASH' ? (input.tenderedFen ?? null) : null,
    quote,
    supersedes: standing,
  })
  return { payment, status: await confirmIfPending(w, a, today) }
}

async function storedQuote(w: WriteContext, paymentId: number): Promise<string> {
  const row = await w.tx
    .selectFrom('payments')
    .select('quote')
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow()
  return row.quote
}

/**
 * 改约 of a paid booking: the payment moves to the new booking (a receipt row carrying what was
 * held, no money in or out), due at the new doctor-day's price. When the new fee is lower the
 * difference goes back at once by the same method (refund); when higher, the booking owes it and
 * payments.pay takes it. A booking left PENDING is confirmed when what moved covers it.
 */
export async function carryOver(
  w: WriteContext,
  caller: Caller,
  fromId: number,
  to: Appointment,
  today: string,
): Promise<{ appointment: Appointment; payment: Payment; overpaidFen: number } | null> {
  await lockStanding(w.tx, fromId)
  const standing = await standingPayment(w.tx, fromId)
  if (!standing) return null
  const oldQuote = JSON.parse(await storedQuote(w, standing.id)) as FeeQuote
  const quote = await quoteFor(w.tx, to, oldQuote.free === 'STAFF')
  const held = heldFen(standing)
  const payment = await insertPayment(w, caller, {
    appointment: to,
    departmentId: await departmentOf(w.tx, to.doctorId),
    dueFen: quote.totalFen,
    amountFen: 0,
    method: standing.method,
    freeReason: standing.freeReason,
    tenderedFen: null,
    quote,
    supersedes: standing,
  })
  w.emit('payments.changed', {
    appointmentId: fromId,
    doctorId: standing.doctorId,
    date: standing.visitDate,
    paid: false,
  })
  const status = held >= quote.totalFen ? await confirmIfPending(w, to, today) : to.status
  return {
    appointment: { ...to, status: status as Appointment['status'] },
    payment,
    overpaidFen: Math.max(0, held - quote.totalFen),
  }
}
