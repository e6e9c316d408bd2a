import type { MethodSpec, OwnedRow } from '../../shared/contract'
import { fail, type Result } from '../../shared/errors'
import type { Caller } from '../../shared/roles'
import type { ReadDb } from '../db/write'

/** The doctor a row belongs to, or undefined when there is no such row (the service says NOT_FOUND). */
type RowOwner = (read: ReadDb, id: number) => Promise<number | undefined>

/** One lookup per row kind the contract may name in `owner.via`; the type makes it complete. */
const ROW_OWNERS: Record<OwnedRow, RowOwner> = {
  appointment: async (read, id) =>
    (
      await read
        .selectFrom('appointments')
        .select('doctor_id')
        .where('id', '=', id)
        .executeTakeFirst()
    )?.doctor_id,
  slot: async (read, id) =>
    (
      await read
        .selectFrom('doctor_schedules')
        .select('doctor_id')
        .where('id', '=', id)
        .executeTakeFirst()
    )?.doctor_id,
}

/**
 * The contract's `owner` rule, run by the dispatcher on valid input: a doctor caller may act
 * only on their own doctor's queue, slots and appointments. Admin and reception are not
 * narrowed, and cost no lookup. Returns the refusal, or null to go on.
 */
export async function refuseOtherDoctor(
  spec: MethodSpec,
  input: unknown,
  caller: Caller,
  read: ReadDb,
): Promise<Result<never> | null> {
  if (!spec.owner || caller.role !== 'doctor') return null
  const value = (input as Record<string, unknown>)[spec.owner.field]
  if (typeof value !== 'number') return null
  const doctorId = spec.owner.via ? await ROW_OWNERS[spec.owner.via](read, value) : value
  if (doctorId === undefined || doctorId === caller.doctorId) return null
  return fail('FORBIDDEN', {
    message: "A doctor's screen can only act on that doctor's own queue.",
  })
}
