import type { Transaction } from 'kysely'
import { onPgTx } from '../../db/compiled'
import type { DB } from '../../db/schema'

/**
 * Row locks for PostgreSQL, where units of several hosts run side by side under READ COMMITTED:
 * without them two desks both see a payment holding ¥30 and each refunds ¥20 of it, two desks
 * both see an appointment unpaid, or a payment joins a shift whose close already summed it. Each
 * lock is taken before the rows it guards are read, so the read after it sees the other unit's
 * commit. Always in the order appointment → payment → shift, so no two units wait on each other.
 * On SQLite a write transaction holds the whole file (BEGIN IMMEDIATE): there is nothing to lock.
 */

/** The appointment being paid for, against a second desk paying it at the same moment. */
export async function lockAppointment(tx: Transaction<DB>, id: number): Promise<void> {
  if (onPgTx(tx))
    await tx.selectFrom('appointments').select('id').where('id', '=', id).forUpdate().execute()
}

/** An appointment's standing payment, against a refund of it and a payment superseding it. */
export async function lockStanding(tx: Transaction<DB>, appointmentId: number): Promise<void> {
  if (onPgTx(tx))
    await tx
      .selectFrom('payments')
      .select('id')
      .where('appointment_id', '=', appointmentId)
      .where('live_guard', '=', 1)
      .forUpdate()
      .execute()
}

/** One payment, against a second refund of it (or its supersession) at the same moment. */
export async function lockPayment(tx: Transaction<DB>, id: number): Promise<void> {
  if (onPgTx(tx))
    await tx.selectFrom('payments').select('id').where('id', '=', id).forUpdate().execute()
}

/** A shift being closed: waits for the money already going into it, and holds off new money. */
export async function lockShift(tx: Transaction<DB>, id: number): Promise<void> {
  if (onPgTx(tx))
    await tx.selectFrom('cash_shifts').select('id').where('id', '=', id).forUpdate().execute()
}
