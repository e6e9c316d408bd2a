import type { Audience, Caller } from '../../shared/roles'
import { canReceive } from '../../shared/visibility'
import type { PublishedEvent } from './event-bus'

/**
 * The audience a caller belongs to for events, as a map key; none for a guest (who receives
 * nothing). Visibility depends on role and doctor only (shared/roles.ts Audience).
 */
export function audienceKey(caller: Caller): string | undefined {
  if (caller.role === 'guest') return undefined
  return caller.doctorId === undefined ? caller.role : `${caller.role}#${caller.doctorId}`
}

/**
 * The frame each audience gets for one commit's events, built on first need and shared by every
 * window or socket of that audience: visibility is decided once per audience, and `frame` runs
 * once per audience with the events it may see (oldest first, never empty). Undefined: nothing
 * of this commit is for that caller.
 *
 * @example
 * const frameFor = pushPlan(batch, (visible) => JSON.stringify(visible))
 * for (const ws of sockets) { const f = frameFor(caller(ws)); if (f) ws.send(f) }
 */
export function pushPlan<F>(
  batch: readonly PublishedEvent[],
  frame: (visible: readonly PublishedEvent[]) => F,
): (caller: Caller) => F | undefined {
  const frames = new Map<string, F | undefined>()
  return (caller) => {
    const key = audienceKey(caller)
    if (key === undefined) return undefined
    if (frames.has(key)) return frames.get(key)
    // Only what visibility may look at: a predicate cannot come to depend on more by accident.
    const audience: Audience =
      caller.doctorId === undefined
        ? { role: caller.role }
        : { role: caller.role, doctorId: caller.doctorId }
    const visible = batch.filter((e) => canReceive(audience, e.event, e.payload))
    const built = visible.length > 0 ? frame(visible) : undefined
    frames.set(key, built)
    return built
  }
}

/** Payload plus revision: what a screen's listener receives for each event (EventMessage). */
export const messageOf = ({ rev, payload }: PublishedEvent): object => ({
  ...(payload as object),
  rev,
})
