import { AppError } from '../../../shared/errors'
import type { ReadDb } from '../../db/write'

export async function requireDoctor(
  read: ReadDb,
  doctorId: number,
  field = 'doctorId',
): Promise<{ id: number; department_id: number; active: number }> {
  const doctor = await read
    .selectFrom('doctors')
    .select(['id', 'department_id', 'active'])
    .where('id', '=', doctorId)
    .executeTakeFirst()
  if (!doctor) throw new AppError('NOT_FOUND', { field, message: 'That doctor does not exist.' })
  return doctor
}

/** Active doctors of a department, NOT_FOUND when the department does not exist. */
export async function doctorsOfDepartment(read: ReadDb, departmentId: number): Promise<number[]> {
  const department = await read
    .selectFrom('departments')
    .select('id')
    .where('id', '=', departmentId)
    .executeTakeFirst()
  if (!department)
    throw new AppError('NOT_FOUND', {
      field: 'departmentId',
      message: 'That department does not exist.',
    })
  const rows = await read
    .selectFrom('doctors')
    .select('id')
    .where('department_id', '=', departmentId)
    .where('active', '=', 1)
    .orderBy('id')
    .execute()
  return rows.map((r) => r.id)
}
