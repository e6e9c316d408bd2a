import { sql } from 'kysely'
import type { WriteContext } from '../../db/write'
import { placesFreed } from '../waitlist/serve'
import type { PlaceEnv } from './place'

/**
 * Gives a booking's place back to its band (cancel, reschedule), and to the first in line for it
 * other than the booking's own patient: a patient whose entry still waits for that band (加号 or a
 * desk booking while in line) is not booked straight back into the place they have just given up.
 */
export async function freePlace(
  w: WriteContext,
  booking: { slotId: number; source: 'PHONE' | 'WALK_IN'; patientId: number },
  env: PlaceEnv,
): Promise<void> {
  const { slotId, source } = booking
  const freed = await w.tx
    .updateTable('doctor_schedules')
    .set({
      booked: sql`booked - 1`,
      walk_ins: sql`walk_ins - ${source === 'WALK_IN' ? 1 : 0}`,
      status: sql`CASE WHEN status = 'CLOSED' THEN 'CLOSED' ELSE 'AVAILABLE' END`,
    })
    .where('id', '=', slotId)
    .where('booked', '>', 0)
    .executeTakeFirst()
  if (Number(freed.numUpdatedRows) !== 1)
    throw new Error(`freePlace: band ${slotId} had no booked place to free`)
  // The one place where a booking's place frees: the waitlist is served here, never in the callers.
  await placesFreed(w, [slotId], env, booking.patientId)
}
