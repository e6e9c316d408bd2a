import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema'

/**
 * Where a skipped patient goes back into line: after the `back`-th of those waiting now
 * (or last, when fewer wait). Returns the new call_order: the midpoint of the two
 * neighbours, so nobody else's order has to be rewritten.
 */
export async function callOrderAfterSkip(
  tx: Transaction<DB>,
  a: { id: number; doctorId: number; date: string; callOrder: number },
  back: number,
): Promise<number> {
  const waiting = await tx
    .selectFrom('appointments')
    .select('call_order')
    .where('doctor_id', '=', a.doctorId)
    .where('date', '=', a.date)
    .where('status', 'in', ['CHECKED_IN', 'SKIPPED'])
    .where('id', '!=', a.id)
    .orderBy('call_order')
    .limit(back + 1)
    .execute()
  const orders = waiting.map((r) => r.call_order)
  if (back === 0) return Math.min(a.callOrder, (orders[0] ?? a.callOrder + 1) - 1)
  const before = orders[Math.min(back, orders.length) - 1]
  if (before === undefined) return a.callOrder
  const after = orders[back]
  return after === undefined ? before + 1 : (before + after) / 2
}
