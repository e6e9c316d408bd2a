import type { Ticket } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { maskIdNumber } from '../../../shared/mask'
import type { ReadDb } from '../../db/write'
import type { PlaceEnv } from './place'
import { loadAppointment } from './rows'
import { withoutOrder } from './step'
import { toMinutes } from '../common/calendar'

/** Still to be seen before this patient: booked or waiting, earlier in the call order. */
const AHEAD = ['PENDING', 'CONFIRMED', 'CHECKED_IN', 'SKIPPED', 'CALLED'] as const

/** What the ticket (挂号单) prints; the wait is a rough figure: the band's minutes per place. */
export async function buildTicket(read: ReadDb, id: number, env: PlaceEnv): Promise<Ticket> {
  const appointment = await loadAppointment(read, id)
  const doctor = await read
    .selectFrom('doctors as d')
    .innerJoin('departments as dep', 'dep.id', 'd.department_id')
    .leftJoin('rooms as r', 'r.id', 'd.room_id')
    .select(['d.name', 'd.title', 'dep.name as department', 'r.name as room'])
    .where('d.id', '=', appointment.doctorId)
    .executeTakeFirst()
  if (!doctor)
    throw new AppError('NOT_FOUND', { message: "The appointment's doctor no longer exists." })
  const patient = await read
    .selectFrom('patients')
    .select('id_number')
    .where('id', '=', appointment.patientId)
    .executeTakeFirstOrThrow()
  const slot = await read
    .selectFrom('doctor_schedules')
    .select('quota')
    .where('id', '=', appointment.slotId)
    .executeTakeFirstOrThrow()
  const ahead = await read
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('doctor_id', '=', appointment.doctorId)
    .where('date', '=', appointment.date)
    .where('status', 'in', [...AHEAD])
    .where('call_order', '<', appointment.callOrder)
    .executeTakeFirstOrThrow()
  const aheadCount = Number(ahead.n)
  const minutesPerPlace =
    (toMinutes(appointment.endTime) - toMinutes(appointment.startTime)) / Math.max(1, slot.quota)
  return {
    appointment: withoutOrder(appointment),
    clinicName: env.settings.clinicName,
    doctorName: doctor.name,
    doctorTitle: doctor.title,
    departmentName: doctor.department,
    roomName: doctor.room,
    idNumberMasked: maskIdNumber(patient.id_number),
    aheadCount,
    estimatedWaitMinutes: Math.round(aheadCount * minutesPerPlace),
    printedAt: env.now.instant.toISOString(),
  }
}
