import type {
  Appointment,
  AppointmentStatus,
  CardAppointment,
  PatientCard,
  patientCardMethods,
} from '../../../shared/contract'
import { LIVE_STATUSES } from '../../../shared/contract'
import type { ReadDb } from '../../db/write'
import { archivedQuery } from '../appointments/archive'
import { appointmentQuery, toAppointment } from '../appointments/rows'
import type { HandlersFor } from '../context'
import { clinicToday, patientById } from './index'

const LIVE = new Set<AppointmentStatus>(LIVE_STATUSES)

type Section = 'upcoming' | 'visits' | 'canceled' | 'noShows'

/**
 * Where a line of the history goes on the card: a booking still in play today or later is
 * upcoming; one still in play on a past day was never closed, so it counts as a past visit.
 */
export function sectionOf(a: Pick<Appointment, 'status' | 'date'>, today: string): Section {
  if (a.status === 'CANCELED') return 'canceled'
  if (a.status === 'NO_SHOW') return 'noShows'
  if (LIVE.has(a.status) && a.date >= today) return 'upcoming'
  return 'visits'
}

/**
 * Reads a patient's whole history, live and archived, through the patient indexes of both
 * tables (appointments_one_live, appointments_archive_patient): one patient's lines, never a scan.
 */
async function wholeHistory(read: ReadDb, patientId: number): Promise<CardAppointment[]> {
  const [live, archived] = await Promise.all([
    appointmentQuery(read).where('a.patient_id', '=', patientId).execute(),
    archivedQuery(read).where('a.patient_id', '=', patientId).execute(),
  ])
  return [
    ...live.map((r) => ({ ...toAppointment(r), archived: false })),
    ...archived.map((r) => ({ ...toAppointment(r), archived: true })),
  ]
}

const byTime = (x: Appointment, y: Appointment): number =>
  (x.date + x.startTime).localeCompare(y.date + y.startTime) || x.id - y.id

/** Sorts a history into the card's sections: upcoming soonest first, the rest newest first. */
export function buildCard(
  patient: PatientCard['patient'],
  history: readonly CardAppointment[],
  today: string,
  limit: number,
): PatientCard {
  const sections: Record<Section, CardAppointment[]> = {
    upcoming: [],
    visits: [],
    canceled: [],
    noShows: [],
  }
  for (const a of history) sections[sectionOf(a, today)].push(a)
  sections.upcoming.sort(byTime)
  for (const key of ['visits', 'canceled', 'noShows'] as const)
    sections[key].sort((x, y) => byTime(y, x))
  return {
    patient,
    today,
    upcoming: sections.upcoming.slice(0, limit),
    visits: sections.visits.slice(0, limit),
    canceled: sections.canceled.slice(0, limit),
    noShows: sections.noShows.slice(0, limit),
    counts: {
      upcoming: sections.upcoming.length,
      visits: sections.visits.length,
      canceled: sections.canceled.length,
      noShows: sections.noShows.length,
    },
  }
}

export const patientCardHandlers: HandlersFor<typeof patientCardMethods> = {
  'patients.card': async ({ id, limit }, ctx) => {
    const patient = await patientById(ctx.read, id)
    const [history, today] = await Promise.all([wholeHistory(ctx.read, id), clinicToday(ctx)])
    return buildCard(patient, history, today, limit)
  },
}
