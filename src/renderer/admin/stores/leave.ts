import { hostAction } from '../../api/host-action'

// A doctor's day off and the clinic's holidays, and the bookings they touch.
export const closeDay = hostAction('schedules.closeDay')
export const listHolidays = hostAction('holidays.list')
export const setHoliday = hostAction('holidays.set')
export const removeHoliday = hostAction('holidays.remove')
export const appointmentsForDay = hostAction('appointments.forDay')
export const cancelAppointment = hostAction('appointments.cancel')
export const rescheduleAppointment = hostAction('appointments.reschedule')
export { slotsForDoctorDay } from './templates'

// Leave as records (i12-leave).
export const listLeave = hostAction('leave.list')
export const createLeave = hostAction('leave.create')
export const reopenLeave = hostAction('leave.reopen')
export const leaveAffected = hostAction('leave.affected')
