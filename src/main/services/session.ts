import type { sessionMethods } from '../../shared/contract/session'
import { isEventName } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { canReceive } from '../../shared/visibility'
import type { HandlersFor } from './context'

/** The most a catch-up returns at once; a client further behind re-reads everything. */
const MAX_CATCH_UP = 1000

export const sessionHandlers: HandlersFor<typeof sessionMethods> = {
  'session.whoami': async (_input, { caller }) => {
    // Not public: the dispatcher never lets a guest reach this; the check narrows the type.
    if (caller.role === 'guest') throw new AppError('UNAUTHENTICATED')
    return { role: caller.role, label: caller.label, ...(caller.doctorId === undefined ? {} : { doctorId: caller.doctorId }) }
  },

  'sync.since': async ({ rev }, { read, caller }) => {
    const latest = await read.selectFrom('changes').select((eb) => eb.fn.max('rev').as('rev')).executeTakeFirst()
    const head = latest?.rev ?? 0
    const oldest = await read.selectFrom('changes').select((eb) => eb.fn.min('rev').as('rev')).executeTakeFirst()
    const rows = await read
      .selectFrom('changes')
      .select(['rev', 'event', 'payload'])
      .where('rev', '>', rev)
      .orderBy('rev')
      .limit(MAX_CATCH_UP + 1)
      .execute()
    // Complete when nothing after `rev` was pruned and the page did not overflow.
    const reachesBack = rev >= head || (oldest?.rev ?? 1) <= rev + 1
    const complete = reachesBack && rows.length <= MAX_CATCH_UP
    if (!complete) return { rev: head, complete, changes: [] }
    const changes = rows
      .map((r) => ({ rev: r.rev, event: r.event, payload: JSON.parse(r.payload) as unknown }))
      .filter((c) => isEventName(c.event) && canReceive(caller, c.event, c.payload))
    // A write may have landed between the two reads: report the newest revision actually seen.
    return { rev: Math.max(head, rows.at(-1)?.rev ?? 0), complete, changes }
  },
}
