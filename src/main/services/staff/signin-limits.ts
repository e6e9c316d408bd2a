import type { SigninLimit, staffMethods } from '../../../shared/contract/staff'
import { AppError } from '../../../shared/errors'
import type { ReadDb } from '../../db/write'
import { COMPUTER_QUIET_MS } from '../auth/limits'
import type { HandlersFor } from '../context'

type LimitHandlers = HandlersFor<
  Pick<typeof staffMethods, 'staff.signinLimits' | 'staff.clearSigninLimit'>
>

/** A delay that has run out says so (null), so the list shows only what holds sign-in up now. */
const running = (until: string | null, now: Date): string | null =>
  until !== null && new Date(until) > now ? until : null

/** Every count of wrong attempts still remembered: accounts, then computers, then devices. */
async function listLimits(read: ReadDb, now: Date): Promise<SigninLimit[]> {
  const accounts = await read
    .selectFrom('staff')
    .select(['id', 'username', 'failed_attempts', 'locked_until'])
    .where((eb) => eb.or([eb('failed_attempts', '>', 0), eb('locked_until', 'is not', null)]))
    .orderBy('id')
    .execute()
  const quietSince = new Date(now.getTime() - COMPUTER_QUIET_MS).toISOString()
  const computers = await read
    .selectFrom('signin_computers')
    .selectAll()
    .where((eb) =>
      eb.or([eb('last_failure_at', '>', quietSince), eb('delayed_until', '>', now.toISOString())]),
    )
    .orderBy('address')
    .execute()
  const devices = await read
    .selectFrom('staff_devices')
    .innerJoin('staff', 'staff.id', 'staff_devices.staff_id')
    .select([
      'staff_devices.id',
      'staff_devices.staff_id',
      'staff.username',
      'staff_devices.failures',
      'staff_devices.delayed_until',
      'staff_devices.last_failure_at',
    ])
    .where('staff_devices.failures', '>', 0)
    .orderBy('staff_devices.id')
    .execute()
  return [
    ...accounts.map((a) => ({
      key: `account:${a.id}`,
      kind: 'account' as const,
      staffId: a.id,
      subject: a.username,
      failures: a.failed_attempts,
      delayedUntil: running(a.locked_until, now),
      lastFailureAt: null,
    })),
    ...computers.map((c) => ({
      key: `computer:${c.address}`,
      kind: 'computer' as const,
      staffId: null,
      subject: c.address,
      failures: c.failures,
      delayedUntil: running(c.delayed_until, now),
      lastFailureAt: c.last_failure_at,
    })),
    ...devices.map((d) => ({
      key: `device:${d.id}`,
      kind: 'device' as const,
      staffId: d.staff_id,
      subject: d.username,
      failures: d.failures,
      delayedUntil: running(d.delayed_until, now),
      lastFailureAt: d.last_failure_at,
    })),
  ]
}

/** The admin's view of sign-in delays, and the one step that lifts one (audited). */
export const signinLimitHandlers: LimitHandlers = {
  'staff.signinLimits': async (_input, { read, clock }) => listLimits(read, clock.now()),

  'staff.clearSigninLimit': (input, { write }) =>
    write(async ({ tx, audit, emit }) => {
      const [kind, ...rest] = input.key.split(':')
      const subject = rest.join(':')
      let staffIds: number[] = []
      let changed: bigint
      if (kind === 'account') {
        const id = Number(subject)
        const r = await tx
          .updateTable('staff')
          .set({ failed_attempts: 0, locked_until: null })
          .where('id', '=', id)
          .where((eb) => eb.or([eb('failed_attempts', '>', 0), eb('locked_until', 'is not', null)]))
          .executeTakeFirst()
        changed = r.numUpdatedRows
        staffIds = [id]
      } else if (kind === 'computer') {
        const r = await tx
          .deleteFrom('signin_computers')
          .where('address', '=', subject)
          .executeTakeFirst()
        changed = r.numDeletedRows
      } else {
        const device = await tx
          .selectFrom('staff_devices')
          .select('staff_id')
          .where('id', '=', Number(subject))
          .executeTakeFirst()
        const r = await tx
          .updateTable('staff_devices')
          .set({ failures: 0, delayed_until: null })
          .where('id', '=', Number(subject))
          .where('failures', '>', 0)
          .executeTakeFirst()
        changed = r.numUpdatedRows
        staffIds = device ? [device.staff_id] : []
      }
      // Nothing to clear is an answer, not a silent success: the admin's list was out of date.
      if (changed !== 1n) throw new AppError('NOT_FOUND', { field: 'key' })
      audit({
        entity: 'signin_limit',
        entityId: staffIds[0] ?? null,
        after: { outcome: 'limit-cleared', key: input.key },
      })
      emit('staff.changed', { staffIds, signOut: false })
      return {}
    }),
}
