import type { MethodInput, MethodName } from '../../../shared/contract'
import type { Client } from '../../host/client'
import { SYSTEM_CALLERS } from '../../host/system-callers'
import { seedDemoBookings } from './bookings'
import { DEMO_DEPARTMENTS, DEMO_PATIENTS, DEMO_WEEK } from './data'

/**
 * Loads the demo clinic (departments, rooms, doctors with their weekly sessions, a few patients)
 * into an empty database; a database with any department is left alone. Everything goes through
 * the contract, as an admin at the desk would do it, so the demo is audited and valid like real data.
 */
export async function seedDemoClinic(client: Client): Promise<boolean> {
  // Any failure stops the load (CallFailed): inside setup.init that rolls the whole setup back.
  const call = <M extends MethodName>(method: M, params: MethodInput<M>) =>
    client.must(SYSTEM_CALLERS.demoLoader, method, params)
  const existing = await call('directory.get', {})
  if (existing.departments.length > 0) return false
  let roomNo = 0
  const doctorIds: number[] = []
  for (const { department, doctors } of DEMO_DEPARTMENTS) {
    const created = await call('departments.create', { name: department })
    for (const doctor of doctors) {
      const room = await call('rooms.create', { name: `${++roomNo}诊室` })
      const { id: doctorId } = await call('doctors.create', {
        ...doctor,
        departmentId: created.id,
        roomId: room.id,
      })
      doctorIds.push(doctorId)
      const { weekdays, sessions, ...bands } = DEMO_WEEK
      for (const weekday of weekdays) {
        for (const session of sessions)
          await call('templates.save', { doctorId, weekday, ...session, ...bands })
      }
    }
  }
  const patientIds: number[] = []
  for (const patient of DEMO_PATIENTS)
    patientIds.push((await call('patients.register', patient)).id)
  await seedDemoBookings(call, doctorIds, patientIds)
  return true
}
