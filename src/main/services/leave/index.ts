import type { leaveMethods } from '../../../shared/contract/leave'
import type { HandlersFor } from '../context'
import { plusDays } from '../common/calendar'
import { clinicNow, readSettings } from '../settings'
import { readPolicy } from '../policy'
import { affectedBookings } from './affected'
import { checkRange, createLeave } from './create'
import { reopenLeave } from './reopen'
import { readLeaves, requireLeave } from './rows'

/** 停诊 as records: list, make, undo, and the patients to phone. */
export const leaveHandlers: HandlersFor<typeof leaveMethods> = {
  'leave.list': async ({ doctorId, from, includeReopened }, { read, clock }) => {
    const start = from ?? clinicNow(clock, await readSettings(read)).today
    return readLeaves(read, { doctorId, from: start, includeReopened })
  },

  'leave.create': async (input, { read, clock, write, caller }) => {
    checkRange(input, clinicNow(clock, await readSettings(read)).today)
    return write(async (w) => {
      const made = await createLeave(w, input, caller.label)
      return {
        leave: await requireLeave(w.tx, made.leaveId),
        closedSlots: made.closedSlots,
        affectedAppointmentIds: made.affectedAppointmentIds,
      }
    })
  },

  'leave.reopen': async ({ id }, { read, clock, write, caller }) => {
    const settings = await readSettings(read)
    const now = clinicNow(clock, settings)
    const { today } = now
    const lastDay = plusDays(today, settings.horizonDays - 1)
    // The reopened places go to the line with every booking rule, the policy included.
    const policy = await readPolicy(read)
    return write(async (w) => {
      const before = await requireLeave(w.tx, id)
      const reopenedSlots = await reopenLeave(w, before, today, lastDay, caller.label, {
        caller,
        settings,
        now,
        policy,
      })
      const leave = await requireLeave(w.tx, id)
      const callBack = (await affectedBookings(w.tx, leave)).filter(
        (b) => b.outcome === 'CALL_BACK',
      )
      return { leave, reopenedSlots, callBack }
    })
  },

  'leave.affected': async ({ id }, { read }) => {
    const leave = await requireLeave(read, id)
    return { leave, bookings: await affectedBookings(read, leave) }
  },
}
