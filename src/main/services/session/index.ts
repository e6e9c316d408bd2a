import type { sessionMethods } from '../../../shared/contract/session'
import { AppError } from '../../../shared/errors'
import { canReceive } from '../../../shared/visibility'
import type { HandlersFor } from '../context'

export const sessionHandlers: HandlersFor<typeof sessionMethods> = {
  'session.whoami': async (_input, { caller }) => {
    // Not public: the dispatcher never lets a guest reach this; the check narrows the type.
    if (caller.role === 'guest') throw new AppError('UNAUTHENTICATED')
    return {
      role: caller.role,
      label: caller.label,
      ...(caller.doctorId === undefined ? {} : { doctorId: caller.doctorId }),
    }
  },

  'sync.since': async ({ rev }, { changesSince, caller }) => {
    const { head, complete, events } = changesSince(rev)
    return {
      rev: head,
      complete,
      changes: events.filter((e) => canReceive(caller, e.event, e.payload)),
    }
  },
}
