import { hostAction } from '../../api/host-action'

// The clinic's directory as the admin edits it; the shared directory store (stores/directory.ts)
// follows by directory.changed.
export const createDepartment = hostAction('departments.create')
export const updateDepartment = hostAction('departments.update')
export const createRoom = hostAction('rooms.create')
export const updateRoom = hostAction('rooms.update')
export const createDoctor = hostAction('doctors.create')
export const updateDoctor = hostAction('doctors.update')
