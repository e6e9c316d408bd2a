import type { Department, Doctor, Room } from '../../../shared/contract'
import type { directoryMethods } from '../../../shared/contract/directory'
import { AppError } from '../../../shared/errors'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema'
import type { ReadDb, WriteContext } from '../../db/write'
import type { HandlersFor } from '../context'

export const directoryHandlers: HandlersFor<typeof directoryMethods> = {
  'directory.get': async (_input, { read }) => ({
    departments: (
      await read
        .selectFrom('departments')
        .select(['id', 'name', 'active'])
        .orderBy('active', 'desc')
        .orderBy('id')
        .execute()
    ).map(toNamed),
    doctors: (await doctorRows(read).orderBy('active', 'desc').orderBy('id').execute()).map(
      toDoctor,
    ),
    rooms: (
      await read
        .selectFrom('rooms')
        .select(['id', 'name', 'active'])
        .orderBy('active', 'desc')
        .orderBy('id')
        .execute()
    ).map(toNamed),
  }),

  'departments.create': (input, { write }) =>
    write(async ({ tx, now, audit, emit }) => {
      await refuseNameClash(tx, 'departments', input.name)
      const row = await tx
        .insertInto('departments')
        .values({ name: input.name, created_at: now })
        .returning(['id', 'name', 'active'])
        .executeTakeFirstOrThrow()
      const department = toNamed(row)
      audit({ entity: 'department', entityId: department.id, after: department })
      emit('directory.changed', { departmentIds: [department.id], doctorIds: [], roomIds: [] })
      return department
    }),

  'departments.update': (input, { write }) =>
    write(async (w) => {
      const department = await updateNamed(w, 'departments', input)
      w.emit('directory.changed', { departmentIds: [department.id], doctorIds: [], roomIds: [] })
      return department
    }),

  'rooms.create': (input, { write }) =>
    write(async ({ tx, audit, emit }) => {
      await refuseNameClash(tx, 'rooms', input.name)
      const room = toNamed(
        await tx
          .insertInto('rooms')
          .values({ name: input.name })
          .returning(['id', 'name', 'active'])
          .executeTakeFirstOrThrow(),
      )
      audit({ entity: 'room', entityId: room.id, after: room })
      emit('directory.changed', { departmentIds: [], doctorIds: [], roomIds: [room.id] })
      return room
    }),

  'rooms.update': (input, { write }) =>
    write(async (w) => {
      const room = await updateNamed(w, 'rooms', input)
      w.emit('directory.changed', { departmentIds: [], doctorIds: [], roomIds: [room.id] })
      return room
    }),

  'doctors.create': (input, { write }) =>
    write(async ({ tx, now, audit, emit }) => {
      await requireRefs(tx, input.departmentId, input.roomId)
      const row = await tx
        .insertInto('doctors')
        .values({
          name: input.name,
          title: input.title,
          department_id: input.departmentId,
          room_id: input.roomId,
          created_at: now,
        })
        .returning(['id', 'name', 'title', 'department_id', 'room_id', 'active'])
        .executeTakeFirstOrThrow()
      const doctor = toDoctor(row)
      audit({ entity: 'doctor', entityId: doctor.id, after: doctor })
      emit('directory.changed', {
        departmentIds: [doctor.departmentId],
        doctorIds: [doctor.id],
        roomIds: [],
      })
      return doctor
    }),

  'doctors.update': (input, { write }) =>
    write(async ({ tx, audit, emit }) => {
      const before = await doctorRows(tx).where('id', '=', input.id).executeTakeFirst()
      if (!before) throw new AppError('NOT_FOUND', { field: 'id' })
      await requireRefs(tx, input.departmentId, input.roomId)
      const row = await tx
        .updateTable('doctors')
        .set({
          name: input.name,
          title: input.title,
          department_id: input.departmentId,
          room_id: input.roomId,
          active: input.active ? 1 : 0,
        })
        .where('id', '=', input.id)
        .returning(['id', 'name', 'title', 'department_id', 'room_id', 'active'])
        .executeTakeFirstOrThrow()
      const doctor = toDoctor(row)
      audit({ entity: 'doctor', entityId: doctor.id, before: toDoctor(before), after: doctor })
      emit('directory.changed', {
        departmentIds: [before.department_id, doctor.departmentId],
        doctorIds: [doctor.id],
        roomIds: [],
      })
      return doctor
    }),
}

const doctorRows = (db: ReadDb) =>
  db.selectFrom('doctors').select(['id', 'name', 'title', 'department_id', 'room_id', 'active'])

/** Departments and rooms are each a unique name and an active flag: one way to change either, audited. */
async function updateNamed(
  w: WriteContext,
  table: 'departments' | 'rooms',
  input: { id: number; name: string; active: boolean },
): Promise<Department | Room> {
  const entity = table === 'departments' ? 'department' : 'room'
  const before = await w.tx
    .selectFrom(table)
    .select(['id', 'name', 'active'])
    .where('id', '=', input.id)
    .executeTakeFirst()
  if (!before)
    throw new AppError('NOT_FOUND', { field: 'id', message: `That ${entity} does not exist.` })
  await refuseNameClash(w.tx, table, input.name, input.id)
  const row = await w.tx
    .updateTable(table)
    .set({ name: input.name, active: input.active ? 1 : 0 })
    .where('id', '=', input.id)
    .returning(['id', 'name', 'active'])
    .executeTakeFirstOrThrow()
  const after = toNamed(row)
  w.audit({ entity, entityId: after.id, before: toNamed(before), after })
  return after
}

async function refuseNameClash(
  tx: Transaction<DB>,
  table: 'departments' | 'rooms',
  name: string,
  exceptId?: number,
): Promise<void> {
  let query = tx.selectFrom(table).select('id').where('name', '=', name)
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
  if (await query.executeTakeFirst())
    throw new AppError('CONFLICT', { field: 'name', message: `"${name}" already exists.` })
}

async function requireRefs(
  tx: Transaction<DB>,
  departmentId: number,
  roomId: number | null,
): Promise<void> {
  if (
    !(await tx
      .selectFrom('departments')
      .select('id')
      .where('id', '=', departmentId)
      .executeTakeFirst())
  ) {
    throw new AppError('NOT_FOUND', {
      field: 'departmentId',
      message: 'That department does not exist.',
    })
  }
  if (
    roomId !== null &&
    !(await tx.selectFrom('rooms').select('id').where('id', '=', roomId).executeTakeFirst())
  ) {
    throw new AppError('NOT_FOUND', { field: 'roomId', message: 'That room does not exist.' })
  }
}

/** A department or a room as screens see it (the two have the same shape). */
const toNamed = (r: { id: number; name: string; active: number }): Department & Room => ({
  id: r.id,
  name: r.name,
  active: r.active === 1,
})
const toDoctor = (r: {
  id: number
  name: string
  title: string
  department_id: number
  room_id: number | null
  active: number
}): Doctor => ({
  id: r.id,
  name: r.name,
  title: r.title,
  departmentId: r.department_id,
  roomId: r.room_id,
  active: r.active === 1,
})
