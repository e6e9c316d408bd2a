import type { SuspendedPatient } from '../../../shared/contract/policy'
import { addDays } from '../../../shared/policy/days'
import type { BookingPolicy } from '../../../shared/policy/rules'
import type { ReadDb } from '../../db/write'
import { loadRecord } from './record'

/**
 * Every patient whose phone booking is suspended today, for the admin's list with the lift
 * button. A suspension in force ends after today, so its last 爽约 is later than today − K days:
 * only patients with such an event are read in full (by the same record the card shows).
 */
export async function readSuspended(
  read: ReadDb,
  policy: BookingPolicy,
  today: string,
): Promise<SuspendedPatient[]> {
  if (!policy.suspension.enabled) return []
  const since = addDays(today, -policy.suspension.suspendDays)
  const candidates = await read
    .selectFrom('appointments')
    .select('patient_id')
    .distinct()
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status', '=', 'NO_SHOW'),
          eb('no_show_excused', '=', 0),
          eb('date', '>', since),
        ]),
        ...(policy.suspension.countLateCancels ? [eb('late_canceled_on', '>', since)] : []),
      ]),
    )
    .execute()
  const out: SuspendedPatient[] = []
  for (const { patient_id } of candidates) {
    const { record, suspension } = await loadRecord(read, policy, patient_id, today)
    if (!suspension) continue
    const patient = await read
      .selectFrom('patients')
      .select(['name', 'phone', 'merged_into'])
      .where('id', '=', patient_id)
      .executeTakeFirstOrThrow()
    // A merged-away record books nothing; its history lives on the kept one.
    if (patient.merged_into !== null) continue
    const period = record.events.find((e) => e.kind === 'SUSPENDED' && e.until === suspension.until)
    out.push({
      patientId: patient_id,
      name: patient.name,
      phone: patient.phone,
      since: period?.date ?? today,
      until: suspension.until,
      noShows: suspension.noShows,
      lateCancels: suspension.lateCancels,
    })
  }
  // The newest suspensions first: the patient who just rang is most likely one of them.
  return out.sort((a, b) =>
    a.since !== b.since ? (a.since < b.since ? 1 : -1) : a.patientId - b.patientId,
  )
}
