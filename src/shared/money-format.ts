import { formatFen, parseYuan } from './fees'

/**
 * Fen as the desk shows and prints money: ¥12.50, −¥3.00 for money going back. Every screen and
 * slip formats through here so the receipt, the refund slip and the day-end sheet agree.
 *
 * @example yuan(1250) // '¥12.50'
 */
export function yuan(amountFen: number): string {
  const text = formatFen(Math.abs(amountFen))
  return amountFen < 0 ? `−¥${text}` : `¥${text}`
}

/**
 * The cash a patient handed over, as typed ("100", "50.5"), against what is due: the change to give
 * back in fen, or why it cannot be taken. Integers all the way: no float ever holds money.
 *
 * @example cashChange('100', 2500) // { ok: true, tenderedFen: 10000, changeFen: 7500 }
 */
export function cashChange(
  typed: string,
  dueFen: number,
):
  | { readonly ok: true; readonly tenderedFen: number; readonly changeFen: number }
  | { readonly ok: false; readonly problem: 'empty' | 'format' | 'short' } {
  if (typed.trim() === '') return { ok: false, problem: 'empty' }
  const tenderedFen = parseYuan(typed)
  if (tenderedFen === null) return { ok: false, problem: 'format' }
  if (tenderedFen < dueFen) return { ok: false, problem: 'short' }
  return { ok: true, tenderedFen, changeFen: tenderedFen - dueFen }
}
