import type { MethodInput, MethodName, MethodResult } from '../../../shared/contract'
import type { Caller } from '../../../shared/roles'
import type { Dispatch } from '../../host/dispatcher'
import { seedDemoBookings } from './bookings'
import { DEMO_DEPARTMENTS, DEMO_PATIENTS, DEMO_WEEK } from './data'

const DEMO_ADMIN: Caller = { role: 'admin', label: 'demo-loader' }

/**
 * Loads the demo clinic (departments, rooms, doctors with their weekly sessions, a few patients)
 * into an empty database; a database with any department is left alone. Everything goes through
 * the contract, as an admin at the desk would do it, so the demo is audited and valid like real data.
 */
export async function seedDemoClinic(dispatch: Dispatch): Promise<boolean> {
  const call = async <M extends MethodName>(
    method: M,
    params: MethodInput<M>,
  ): Promise<MethodResult<M>> => {
    const result = await dispatch(DEMO_ADMIN, method, params)
    if (!result.ok) throw new Error(`Demo clinic: ${method} failed: ${result.error.message}`)
    return result.value as MethodResult<M>
  }
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
