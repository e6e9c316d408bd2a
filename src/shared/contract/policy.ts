import { z } from 'zod'
import { BookingPolicy } from '../policy/rules'
import { event, method } from './define'

/** Issue 14: the booking policy (放号, cut-offs, limits, 爽约), one settings row read from memory. */
export const policyMethods = {
  'policy.get': method({
    summary:
      "The clinic's booking policy: release (放号), same-day cut-offs, cancel deadline, live-booking limit, department age/sex limits, no-show grace and 爽约 suspension, each with its own switch.",
    input: z.strictObject({}),
    result: BookingPolicy,
    roles: ['admin', 'reception', 'doctor'],
  }),
  'policy.update': method({
    summary:
      'Replaces the booking policy (all rules at once, as policy.get returns them); audited and published live. A bad figure is INVALID_INPUT on its field and nothing changes.',
    input: BookingPolicy,
    result: BookingPolicy,
    roles: ['admin'],
  }),
  'policy.markNoShows': method({
    summary:
      'Marks NO_SHOW every phone booking not checked in by its band start + the grace minutes (the host runs it each minute; no-op while the rule is off). Returns the ids marked.',
    input: z.strictObject({}),
    result: z.object({ marked: z.array(z.number().int()) }),
    roles: ['admin'],
  }),
}

export const policyEvents = {
  'policy.changed': event({
    summary: 'The booking policy changed; screens re-read policy.get.',
    payload: z.object({}),
    roles: ['admin', 'reception', 'doctor'],
  }),
}
