import { events, type EventName } from './contract'
import type { Audience } from './roles'

/** Whether an event may be sent to this caller: its roles, then its own narrowing. Decided on the host. */
export function canReceive(caller: Audience, name: EventName, payload: unknown): boolean {
  const spec = events[name]
  // A guest (nobody signed in) receives nothing.
  if (caller.role === 'guest' || !spec.roles.includes(caller.role)) return false
  const narrow = spec.visibleTo as ((c: Audience, p: unknown) => boolean) | undefined
  return narrow ? narrow(caller, payload) : true
}
