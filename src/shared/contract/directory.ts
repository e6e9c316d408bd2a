import { z } from 'zod'
import { event, method } from './define'
import { id, name, shortText } from './fields'

export const Department = z.object({ id, name, active: z.boolean() })
export type Department = z.infer<typeof Department>

export const Doctor = z.object({
  id,
  name,
  title: shortText,
  departmentId: id,
  roomId: id.nullable(),
  active: z.boolean(),
})
export type Doctor = z.infer<typeof Doctor>

export const Directory = z.object({ departments: z.array(Department), doctors: z.array(Doctor) })
export type Directory = z.infer<typeof Directory>

/** The clinic's departments and doctors: what every screen's pickers show. */
export const directoryMethods = {
  'directory.get': method({
    summary: "The clinic's departments and doctors, active ones first.",
    input: z.strictObject({}),
    result: Directory,
    roles: ['admin', 'reception', 'doctor', 'display'],
  }),
  'departments.create': method({
    summary: 'Adds a department. Names are unique.',
    input: z.strictObject({ name }),
    result: Department,
    roles: ['admin'],
  }),
  'doctors.create': method({
    summary: 'Adds a doctor to a department.',
    input: z.strictObject({ name, departmentId: id, title: shortText.default('') }),
    result: Doctor,
    roles: ['admin'],
  }),
}

export const directoryEvents = {
  'directory.changed': event({
    summary: 'A department or doctor was added or changed; screens re-read directory.get.',
    payload: z.object({ departmentIds: z.array(id), doctorIds: z.array(id) }),
    roles: ['admin', 'reception', 'doctor', 'display'],
  }),
}
