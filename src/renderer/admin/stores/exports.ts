import { hostAction } from '../../api/host-action'

/** A range's appointments as a file the host writes and hands back (base64, up to 20 MB). */
export const exportAppointments = hostAction('exports.appointments')
