import type { FreeReason } from './contract/fees'
import {
  PAY_METHODS,
  type MethodTotal,
  type Payment,
  type PayMethod,
  type Refund,
} from './contract/payments'

/** A receipt's number as printed (收据 SJ00000042): the sequence number, zero-padded. */
export const receiptLabel = (no: number): string => `SJ${String(no).padStart(8, '0')}`

/** A refund slip's number as printed (退款单 TK00000007). */
export const refundLabel = (no: number): string => `TK${String(no).padStart(8, '0')}`

/** What a payment still holds for its appointment: taken + carried over − given back. */
export const heldFen = (p: Pick<Payment, 'amountFen' | 'carriedFen' | 'refundedFen'>): number =>
  p.amountFen + p.carriedFen - p.refundedFen

/** The 免收 reason written when the price list itself made the visit free. */
export const FREE_REASON_TEXT: Record<FreeReason, string> = { REVISIT: '复诊', STAFF: '职工' }

export interface MoneyTotals {
  readonly byMethod: MethodTotal[]
  /** payments − refunds: what the drawer and the other channels gained. */
  readonly totalFen: number
  /** The float + cash taken − cash given back: what the drawer should hold. */
  readonly expectedCashFen: number
  readonly counts: { paid: number; free: number; refunded: number }
}

/**
 * The day-end sheet's figures from its rows, by method in the contract's order (methods with no
 * row left out). Integer sums only. A 改约 carry-over moved no money, so it adds nothing here.
 */
export function summarize(
  payments: readonly Pick<Payment, 'method' | 'amountFen'>[],
  refunds: readonly Pick<Refund, 'method' | 'amountFen'>[],
  openingFloatFen: number,
): MoneyTotals {
  const byMethod = new Map<PayMethod, MethodTotal>()
  const row = (method: PayMethod): MethodTotal => {
    let t = byMethod.get(method)
    if (!t) byMethod.set(method, (t = { method, paidFen: 0, refundedFen: 0, netFen: 0, count: 0 }))
    return t
  }
  const counts = { paid: 0, free: 0, refunded: refunds.length }
  for (const p of payments) {
    const t = row(p.method)
    t.paidFen += p.amountFen
    t.netFen += p.amountFen
    t.count += 1
    if (p.method === 'FREE') counts.free += 1
    else if (p.amountFen > 0) counts.paid += 1
  }
  for (const r of refunds) {
    const t = row(r.method)
    t.refundedFen += r.amountFen
    t.netFen -= r.amountFen
  }
  const ordered = PAY_METHODS.flatMap((m) => byMethod.get(m) ?? [])
  const totalFen = ordered.reduce((sum, t) => sum + t.netFen, 0)
  const cash = byMethod.get('CASH')?.netFen ?? 0
  return { byMethod: ordered, totalFen, expectedCashFen: openingFloatFen + cash, counts }
}
