import { AppError } from '../../../shared/errors'
import type { ReadDb } from '../../db/write'

/** A report filtered by a department that does not exist is NOT_FOUND on the field, not an empty report. */
export async function mustBeDepartment(read: ReadDb, departmentId: number): Promise<void> {
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
}
