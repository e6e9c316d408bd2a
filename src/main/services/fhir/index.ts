import type { FhirExportFile, fhirMethods } from '../../../shared/contract/fhir'
import type { DB } from '../../db/schema'
import type { ReadCreator } from '../../db/read'
import type { HandlersFor } from '../context'
import { readSettings } from '../settings'
import {
  appointmentResource,
  patientResource,
  practitionerResource,
  scheduleResource,
  slotResource,
  type AppointmentRow,
  type SlotRow,
} from './resources'

const file = (resourceType: FhirExportFile['resourceType'], resources: unknown[]) => ({
  resourceType,
  fileName: `${resourceType}.ndjson`,
  count: resources.length,
  ndjson: resources.map((r) => `${JSON.stringify(r)}\n`).join(''),
})

/** Live rows first; an id both live and archived (mid-move) counts once, live. */
const byId = <T extends { id: number }>(live: T[], archived: T[]): T[] => {
  const seen = new Set(live.map((r) => r.id))
  return [...live, ...archived.filter((r) => !seen.has(r.id))].sort((a, b) => a.id - b.id)
}

/** The range's rows, live and archived, through the builder only (it must run on PostgreSQL too). */
async function readRange(db: ReadCreator<DB>, from: string, to: string) {
  const slotColumns = [
    'id',
    'doctor_id',
    'date',
    'start_time',
    'end_time',
    'quota',
    'booked',
    'status',
  ] as const
  const slots = byId<SlotRow>(
    await db
      .selectFrom('doctor_schedules')
      .select(slotColumns)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute(),
    await db
      .selectFrom('doctor_schedules_archive')
      .select(slotColumns)
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute(),
  )
  const common = [
    'id',
    'slot_id',
    'doctor_id',
    'patient_id',
    'date',
    'status',
    'source',
    'cancel_reason',
    'created_at',
  ] as const
  const appointments = byId<AppointmentRow>(
    await db
      .selectFrom('appointments as a')
      .innerJoin('doctor_schedules as s', 's.id', 'a.slot_id')
      .select(common.map((c) => `a.${c}` as const))
      .select(['s.start_time', 's.end_time'])
      .where('a.date', '>=', from)
      .where('a.date', '<=', to)
      .execute(),
    await db
      .selectFrom('appointments_archive')
      .select([...common, 'start_time', 'end_time'])
      .where('date', '>=', from)
      .where('date', '<=', to)
      .execute(),
  )
  const doctorIds = [...new Set([...slots, ...appointments].map((r) => r.doctor_id))]
  const patientIds = [...new Set(appointments.map((r) => r.patient_id))]
  const doctors = doctorIds.length
    ? await db
        .selectFrom('doctors')
        .select(['id', 'name', 'title', 'active'])
        .where('id', 'in', doctorIds)
        .orderBy('id')
        .execute()
    : []
  const patients = patientIds.length
    ? await db
        .selectFrom('patients')
        .select(['id', 'name', 'sex', 'birth_date', 'phone', 'id_number'])
        .where('id', 'in', patientIds)
        .orderBy('id')
        .execute()
    : []
  return { slots, appointments, doctors, patients }
}

export const fhirHandlers: HandlersFor<typeof fhirMethods> = {
  'fhir.export': async (input, { read, write }) => {
    const { from, to, fullIdNumbers } = input
    const { timeZone } = await readSettings(read)
    const build = (rows: Awaited<ReturnType<typeof readRange>>) => ({
      from,
      to,
      fullIdNumbers,
      files: [
        file(
          'Patient',
          rows.patients.map((p) => patientResource(p, fullIdNumbers)),
        ),
        file('Practitioner', rows.doctors.map(practitionerResource)),
        file(
          'Schedule',
          rows.doctors.map((d) => scheduleResource(d, from, to)),
        ),
        file(
          'Slot',
          rows.slots.map((s) => slotResource(s, timeZone)),
        ),
        file(
          'Appointment',
          rows.appointments.map((a) => appointmentResource(a, timeZone)),
        ),
      ],
    })
    if (!fullIdNumbers) return build(await readRange(read, from, to))
    // Full ID numbers: the read and its audit row in one transaction, so what was handed out is
    // exactly what the audit says (same rule as the exports).
    return write(async (w) => {
      const rows = await readRange(w.tx as unknown as ReadCreator<DB>, from, to)
      w.audit({
        entity: 'fhir_export',
        entityId: null,
        after: { from, to, fullIdNumbers: true, patients: rows.patients.length },
      })
      return build(rows)
    })
  },
}
