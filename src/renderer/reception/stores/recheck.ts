import { hostAction } from '../../api/host-action'

/** 重新签到 at the desk: a skipped or no-show patient who turns up today. The day list follows by its own event. */
export const recheckInAppointment = hostAction('queue.recheckIn')
