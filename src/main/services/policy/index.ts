import type { policyMethods } from '../../../shared/contract/policy'
import { BookingPolicy, INITIAL_POLICY } from '../../../shared/policy/rules'
import type { ReadDb } from '../../db/write'
import type { HandlersFor } from '../context'
import { clinicNow, readSettings } from '../settings'
import { markNoShows } from './no-show'
import { readRecord } from './record'
import { readSuspended } from './suspended'
import { AppError } from '../../../shared/errors'

/** The settings row that holds the whole policy as JSON (no migration: settings is key/value). */
export const POLICY_KEY = 'bookingPolicy'

// Read once per database handle and kept in memory, so a booking pays no read for its rules;
// dropped when policy.update commits (as settings/index.ts does for the settings).
const cache = new WeakMap<object, BookingPolicy>()

export async function readPolicy(read: ReadDb): Promise<BookingPolicy> {
  const cached = cache.get(read)
  if (cached) return cached
  const row = await read
    .selectFrom('settings')
    .select('value')
    .where('key', '=', POLICY_KEY)
    .executeTakeFirst()
  const parsed = row ? BookingPolicy.safeParse(safeJson(row.value)) : null
  // A bad row falls back to the initial policy rather than blocking every booking.
  const policy = parsed?.success ? parsed.data : INITIAL_POLICY
  cache.set(read, policy)
  return policy
}

export const policyHandlers: HandlersFor<typeof policyMethods> = {
  'policy.get': async (_input, { read }) => readPolicy(read),

  'policy.update': async (input, { read, write }) => {
    const before = await readPolicy(read)
    const value = JSON.stringify(input)
    const after = await write(async ({ tx, audit, emit }) => {
      if (JSON.stringify(before) !== value) {
        await tx
          .insertInto('settings')
          .values({ key: POLICY_KEY, value })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
          .execute()
        audit({
          entity: 'settings',
          entityId: null,
          before: { [POLICY_KEY]: before },
          after: { [POLICY_KEY]: input },
        })
        emit('policy.changed', {})
      }
      return input
    })
    cache.delete(read)
    return after
  },

  'policy.markNoShows': async (_input, { read, write, clock }) => {
    const policy = await readPolicy(read)
    if (!policy.noShow.enabled) return { marked: [] }
    const now = clinicNow(clock, await readSettings(read))
    return { marked: await write((w) => markNoShows(w, policy, now)) }
  },

  'policy.record': async ({ patientId }, { read, clock }) => {
    const policy = await readPolicy(read)
    const now = clinicNow(clock, await readSettings(read))
    return readRecord(read, policy, patientId, now.today)
  },

  'policy.suspended': async (_input, { read, clock }) => {
    const policy = await readPolicy(read)
    return readSuspended(read, policy, clinicNow(clock, await readSettings(read)).today)
  },

  'policy.liftSuspension': async ({ patientId, reason }, { read, write, clock, caller }) => {
    const policy = await readPolicy(read)
    const now = clinicNow(clock, await readSettings(read))
    await write(async ({ tx, now: at, audit, emit }) => {
      // Read inside the write: two admins lifting at once make one lift, the other is refused.
      const before = await readRecord(tx, policy, patientId, now.today)
      if (before.suspendedUntil === null)
        throw new AppError('ILLEGAL_TRANSITION', {
          field: 'patientId',
          message: 'This patient is not suspended: there is nothing to lift.',
          details: { from: 'ACTIVE', to: 'LIFTED' },
        })
      const row = await tx
        .insertInto('suspension_lifts')
        .values({
          patient_id: patientId,
          lifted_on: now.today,
          reason,
          lifted_by: caller.label,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      audit({
        entity: 'suspension_lift',
        entityId: row.id,
        before: { patientId, suspendedUntil: before.suspendedUntil },
        after: { patientId, liftedOn: now.today, reason },
      })
      emit('policy.suspensionLifted', { patientId })
    })
    return readRecord(read, policy, patientId, now.today)
  },
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
