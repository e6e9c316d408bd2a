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

export const Room = z.object({ id, name, active: z.boolean() })
export type Room = z.infer<typeof Room>

export const Directory = z.object({
  departments: z.array(Department),
  doctors: z.array(Doctor),
  rooms: z.array(Room),
})
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
    summary: 'Adds a doctor to a department, optionally in a room.',
    input: z.strictObject({
      name,
      departmentId: id,
      title: shortText.default(''),
      roomId: id.nullable().default(null),
    }),
    result: Doctor,
    roles: ['admin'],
  }),
  'doctors.update': method({
    summary: "Changes a doctor's name, title, department, room or active flag.",
    input: z.strictObject({
      id,
      name,
      departmentId: id,
      title: shortText,
      roomId: id.nullable(),
      active: z.boolean(),
    }),
    result: Doctor,
    roles: ['admin'],
  }),
  'departments.update': method({
    summary: 'Renames a department or changes its active flag.',
    input: z.strictObject({ id, name, active: z.boolean() }),
    result: Department,
    roles: ['admin'],
  }),
  'rooms.create': method({
    summary: 'Adds a consulting room (诊室). Names are unique.',
    input: z.strictObject({ name }),
    result: Room,
    roles: ['admin'],
  }),
  'rooms.update': method({
    summary:
      'Renames a consulting room or changes its active flag; the waiting-room display shows the new name at once.',
    input: z.strictObject({ id, name, active: z.boolean() }),
    result: Room,
    roles: ['admin'],
  }),
}

export const directoryEvents = {
  'directory.changed': event({
    summary: 'A department, doctor or room was added or changed; screens re-read directory.get.',
    payload: z.object({ departmentIds: z.array(id), doctorIds: z.array(id), roomIds: z.array(id) }),
    roles: ['admin', 'reception', 'doctor', 'display'],
  }),
}
