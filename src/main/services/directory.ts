import type { Department, Doctor } from '../../shared/contract'
import type { directoryMethods } from '../../shared/contract/directory'
import { AppError } from '../../shared/errors'
import type { ReadDb } from '../db/write'
import type { HandlersFor } from './context'

export const directoryHandlers: HandlersFor<typeof directoryMethods> = {
  'directory.get': async (_input, { read }) => ({
    departments: await listDepartments(read),
    doctors: await listDoctors(read),
  }),

  'departments.create': (input, { write }) =>
    write(async ({ tx, now, audit, emit }) => {
      const clash = await tx.selectFrom('departments').select('id').where('name', '=', input.name).executeTakeFirst()
      if (clash) throw new AppError('CONFLICT', { field: 'name', message: `A department named "${input.name}" already exists.` })
      const row = await tx
        .insertInto('departments')
        .values({ name: input.name, created_at: now })
        .returning(['id', 'name', 'active'])
        .executeTakeFirstOrThrow()
      const department = toDepartment(row)
      await audit({ entity: 'department', entityId: department.id, after: department })
      emit('directory.changed', { departmentIds: [department.id], doctorIds: [] })
      return department
    }),

  'doctors.create': (input, { write }) =>
    write(async ({ tx, now, audit, emit }) => {
      const department = await tx.selectFrom('departments').select('id').where('id', '=', input.departmentId).executeTakeFirst()
      if (!department) throw new AppError('NOT_FOUND', { field: 'departmentId', message: 'That department does not exist.' })
      const row = await tx
        .insertInto('doctors')
        .values({ name: input.name, title: input.title, department_id: input.departmentId, room_id: null, created_at: now })
        .returning(['id', 'name', 'title', 'department_id', 'room_id', 'active'])
        .executeTakeFirstOrThrow()
      const doctor = toDoctor(row)
      await audit({ entity: 'doctor', entityId: doctor.id, after: doctor })
      emit('directory.changed', { departmentIds: [doctor.departmentId], doctorIds: [doctor.id] })
      return doctor
    }),
}

async function listDepartments(read: ReadDb): Promise<Department[]> {
  const rows = await read.selectFrom('departments').select(['id', 'name', 'active']).orderBy('active', 'desc').orderBy('id').execute()
  return rows.map(toDepartment)
}

async function listDoctors(read: ReadDb): Promise<Doctor[]> {
  const rows = await read
    .selectFrom('doctors')
    .select(['id', 'name', 'title', 'department_id', 'room_id', 'active'])
    .orderBy('active', 'desc')
    .orderBy('id')
    .execute()
  return rows.map(toDoctor)
}

const toDepartment = (r: { id: number; name: string; active: number }): Department => ({ id: r.id, name: r.name, active: r.active === 1 })

const toDoctor = (r: {
  id: number
  name: string
  title: string
  department_id: number
  room_id: number | null
  active: number
}): Doctor => ({ id: r.id, name: r.name, title: r.title, departmentId: r.department_id, roomId: r.room_id, active: r.active === 1 })
