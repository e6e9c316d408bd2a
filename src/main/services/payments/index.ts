import type { paymentMethods } from '../../../shared/contract/payments'
import { AppError } from '../../../shared/errors'
import { heldFen, summarize } from '../../../shared/money'
import { zonedParts } from '../../db/clock'
import type { HandlersFor } from '../context'
import { clinicNow, readSettings } from '../settings'
import { loadAppointment } from '../appointments/rows'
import { refund, refundsDue } from './give-back'
import { buildReceipt, buildRefundSlip } from './prints'
import {
  loadPayment,
  loadRefund,
  paymentQuery,
  refundQuery,
  shiftQuery,
  standingPayment,
  toPayment,
  toRefund,
  toShift,
} from './rows'
import { closeShift, correctShift, openShift, openShiftOf, shiftSheet } from './shifts'
import { owedOn, pay, quoteFor } from './take'
import { readRules } from '../fees/rules'
import { rulesInForce } from '../../../shared/fees'
import type { FeeQuote } from '../../../shared/contract/fees'

/** The clinic day of a UTC instant. */
const dayOf = (iso: string, zone: string): string => zonedParts(new Date(iso), zone).date

/** Issue 17's money: 收费, 收据, 退款, 日结 and the admin's month. */
export const paymentHandlers: HandlersFor<typeof paymentMethods> = {
  'payments.forAppointment': async ({ appointmentId, staff }, { read }) => {
    const a = await loadAppointment(read, appointmentId)
    const payment = await standingPayment(read, appointmentId)
    const stored = payment
      ? await read
          .selectFrom('payments')
          .select('quote')
          .where('id', '=', payment.id)
          .executeTakeFirstOrThrow()
      : null
    const quote = stored ? (JSON.parse(stored.quote) as FeeQuote) : await quoteFor(read, a, staff)
    const refunds = (
      await refundQuery(read)
        .where('p.appointment_id', '=', appointmentId)
        .orderBy('r.id')
        .execute()
    ).map(toRefund)
    const held = payment ? heldFen(payment) : 0
    return {
      appointmentId,
      quote,
      payment,
      heldFen: held,
      balanceFen: payment
        ? owedOn(payment) > 0
          ? owedOn(payment)
          : Math.min(0, payment.dueFen - held)
        : quote.totalFen,
      refunds,
    }
  },

  'payments.pay': async (input, ctx) => {
    const settings = await readSettings(ctx.read)
    const { today } = clinicNow(ctx.clock, settings)
    return ctx.write(async (w) => {
      const { payment, status } = await pay(w, ctx.caller, input, today)
      const receipt = await buildReceipt(w.tx, payment, {
        copy: false,
        clinicName: settings.clinicName,
        printedAt: w.now,
      })
      const changeFen =
        payment.method === 'CASH' && payment.tenderedFen !== null
          ? payment.tenderedFen - payment.amountFen
          : null
      return { payment, changeFen, receipt, status }
    })
  },

  'payments.receipt': async ({ paymentId }, { read, clock }) => {
    const settings = await readSettings(read)
    return buildReceipt(read, await loadPayment(read, paymentId), {
      copy: true,
      clinicName: settings.clinicName,
      printedAt: clock.now().toISOString(),
    })
  },

  'payments.refund': async (input, ctx) => {
    const settings = await readSettings(ctx.read)
    return ctx.write(async (w) => {
      const made = await refund(w, ctx.caller, input)
      const slip = await buildRefundSlip(w.tx, made, {
        clinicName: settings.clinicName,
        printedAt: w.now,
      })
      return { refund: made, slip }
    })
  },

  'payments.refundSlip': async ({ refundId }, { read, clock }) => {
    const settings = await readSettings(read)
    return buildRefundSlip(read, await loadRefund(read, refundId), {
      clinicName: settings.clinicName,
      printedAt: clock.now().toISOString(),
    })
  },

  'payments.refundsDue': async (filter, { read }) => refundsDue(read, filter),

  'payments.paidStatus': async ({ doctorId, date }, { read }) => {
    const charging = rulesInForce(await readRules(read), date).length > 0
    const ids = await read
      .selectFrom('appointments')
      .select('id')
      .where('doctor_id', '=', doctorId)
      .where('date', '=', date)
      .orderBy('id')
      .execute()
    const standing = (
      await paymentQuery(read)
        .where('p.doctor_id', '=', doctorId)
        .where('p.visit_date', '=', date)
        .where('p.live_guard', '=', 1)
        .execute()
    ).map(toPayment)
    // Paid means nothing is owed: a 改约 to a dearer doctor leaves the difference to take.
    const settled = new Set(standing.filter((p) => owedOn(p) === 0).map((p) => p.appointmentId))
    return {
      charging,
      appointments: ids.map((r) => ({ appointmentId: r.id, paid: settled.has(r.id) })),
    }
  },

  'shifts.current': async (_input, { read, caller }) => {
    const open = await openShiftOf(read, caller.label)
    return open ? shiftSheet(read, open.id) : null
  },

  'shifts.open': async ({ openingFloatFen }, ctx) =>
    ctx.write((w) => openShift(w, ctx.caller, openingFloatFen)),

  'shifts.close': async ({ shiftId, countedCashFen }, ctx) =>
    ctx.write((w) => closeShift(w, ctx.caller, shiftId, countedCashFen)),

  'shifts.correct': async (input, ctx) => ctx.write((w) => correctShift(w, ctx.caller, input)),

  'shifts.get': async ({ shiftId }, { read, caller }) => {
    const sheet = await shiftSheet(read, shiftId)
    if (caller.role !== 'admin' && sheet.shift.cashier !== caller.label)
      throw new AppError('FORBIDDEN', {
        field: 'shiftId',
        message: 'That is another cashier’s shift.',
      })
    return sheet
  },

  'shifts.list': async ({ from, to, cashier }, { read }) => {
    if (to < from)
      throw new AppError('INVALID_INPUT', {
        field: 'to',
        message: 'The range ends before it starts.',
      })
    const { timeZone } = await readSettings(read)
    let q = shiftQuery(read)
    if (cashier !== undefined) q = q.where('cashier', '=', cashier)
    // Widened by a day each side in UTC, then cut to the clinic's days.
    const rows = await q
      .where('opened_at', '>=', prevDay(from))
      .where('opened_at', '<', nextDay(nextDay(to)))
      .orderBy('opened_at', 'desc')
      .execute()
    return rows.map(toShift).filter((s) => {
      const d = dayOf(s.openedAt, timeZone)
      return d >= from && d <= to
    })
  },

  'money.month': async ({ month }, { read }) => {
    const { timeZone } = await readSettings(read)
    const first = `${month}-01`
    const inMonth = (iso: string) => dayOf(iso, timeZone).startsWith(month)
    const payments = (
      await paymentQuery(read)
        .where('p.created_at', '>=', prevDay(first))
        .where('p.created_at', '<', nextDay(nextMonth(first)))
        .execute()
    )
      .map(toPayment)
      .filter((p) => inMonth(p.createdAt))
    const refunds = (
      await refundQuery(read)
        .where('r.created_at', '>=', prevDay(first))
        .where('r.created_at', '<', nextDay(nextMonth(first)))
        .execute()
    )
      .map(toRefund)
      .filter((r) => inMonth(r.createdAt))
    const totals = summarize(payments, refunds, 0)
    const days = new Map<string, { date: string; paidFen: number; refundedFen: number }>()
    const day = (iso: string) => {
      const date = dayOf(iso, timeZone)
      let d = days.get(date)
      if (!d) days.set(date, (d = { date, paidFen: 0, refundedFen: 0 }))
      return d
    }
    for (const p of payments) day(p.createdAt).paidFen += p.amountFen
    for (const r of refunds) day(r.createdAt).refundedFen += r.amountFen
    const shifts = (
      await shiftQuery(read)
        .where('opened_at', '>=', prevDay(first))
        .where('opened_at', '<', nextDay(nextMonth(first)))
        .orderBy('opened_at')
        .execute()
    )
      .map(toShift)
      .filter((s) => inMonth(s.openedAt))
    return {
      month,
      byMethod: totals.byMethod,
      byDay: [...days.values()].sort((x, y) => x.date.localeCompare(y.date)),
      totalFen: totals.totalFen,
      counts: totals.counts,
      shifts,
    }
  },
}

const shiftDate = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
const prevDay = (date: string) => shiftDate(date, -1)
const nextDay = (date: string) => shiftDate(date, 1)
const nextMonth = (first: string): string => {
  const d = new Date(`${first}T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + 1)
  return d.toISOString().slice(0, 10)
}
