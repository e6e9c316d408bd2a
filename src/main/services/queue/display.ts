import type { Board } from '../../../shared/contract'
import { maskName } from '../../../shared/mask'
import type { ReadDb, WriteContext } from '../../db/write'

/** Who is on duty today (a band not closed) with the one called and the next few waiting, names masked. */
export async function buildBoard(read: ReadDb, today: string, nextCount: number): Promise<Board> {
  const doctors = await read
    .selectFrom('doctors as d')
    .leftJoin('rooms as r', 'r.id', 'd.room_id')
    .select(['d.id', 'd.name', 'r.name as room'])
    .where('d.active', '=', 1)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('doctor_schedules as s')
          .select('s.id')
          .whereRef('s.doctor_id', '=', 'd.id')
          .where('s.date', '=', today)
          .where('s.status', '!=', 'CLOSED'),
      ),
    )
    .orderBy('d.id')
    .execute()
  const rows = await read
    .selectFrom('appointments as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .select(['a.doctor_id', 'a.queue_no', 'a.status', 'a.called_at', 'p.name'])
    .where('a.date', '=', today)
    .where('a.status', 'in', ['CALLED', 'IN_PROGRESS', 'CHECKED_IN', 'SKIPPED'])
    .orderBy('a.call_order')
    .execute()
  return {
    date: today,
    rooms: doctors.map((d) => {
      const mine = rows.filter((r) => r.doctor_id === d.id)
      const called = mine
        .filter((r) => r.status === 'CALLED')
        .sort((x, y) => (y.called_at ?? '').localeCompare(x.called_at ?? ''))[0]
      const calling = called ?? mine.find((r) => r.status === 'IN_PROGRESS')
      return {
        doctorId: d.id,
        doctorName: d.name,
        roomName: d.room,
        calling: calling ? { queueNo: calling.queue_no, maskedName: maskName(calling.name) } : null,
        next: mine
          .filter((r) => r.status === 'CHECKED_IN' || r.status === 'SKIPPED')
          .slice(0, nextCount)
          .map((r) => ({ queueNo: r.queue_no, maskedName: maskName(r.name) })),
      }
    }),
  }
}

/** Tells the waiting room to chime and speak a call: masked name, queue number, doctor and room. */
export async function emitCall(
  w: WriteContext,
  a: { doctorId: number; queueNo: number; patientName: string },
): Promise<void> {
  const doctor = await w.tx
    .selectFrom('doctors as d')
    .leftJoin('rooms as r', 'r.id', 'd.room_id')
    .select(['d.name', 'r.name as room'])
    .where('d.id', '=', a.doctorId)
    .executeTakeFirstOrThrow()
  w.emit('display.call', {
    doctorId: a.doctorId,
    doctorName: doctor.name,
    roomName: doctor.room,
    queueNo: a.queueNo,
    maskedName: maskName(a.patientName),
  })
}
