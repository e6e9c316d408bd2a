import { noShowDue } from '../../../shared/policy/check'
import type { BookingPolicy } from '../../../shared/policy/rules'
import type { WriteContext } from '../../db/write'
import { applyStep } from '../appointments/step'
import type { ClinicNow } from '../settings'

/**
 * Issue 14 part 3: a phone booking not checked in by band start + grace becomes NO_SHOW by
 * itself. Read inside the write, so a check-in that committed first is never overwritten;
 * within the grace a late patient checks in as usual.
 */
export async function markNoShows(
  w: WriteContext,
  policy: BookingPolicy,
  now: ClinicNow,
): Promise<number[]> {
  if (!policy.noShow.enabled) return []
  const waiting = await w.tx
    .selectFrom('appointments as a')
    .innerJoin('doctor_schedules as s', 's.id', 'a.slot_id')
    .select(['a.id', 'a.date', 's.start_time'])
    .where('a.source', '=', 'PHONE')
    .where('a.status', 'in', ['PENDING', 'CONFIRMED'])
    .where('a.date', '<=', now.today)
    .orderBy('a.id')
    .execute()
  const marked: number[] = []
  for (const a of waiting) {
    if (!noShowDue(policy, { date: a.date, startTime: a.start_time }, now)) continue
    await applyStep(w, a.id, 'noShow', {
      today: now.today,
      note: { rule: 'noShowGrace', graceMinutes: policy.noShow.graceMinutes },
    })
    marked.push(a.id)
  }
  return marked
}
