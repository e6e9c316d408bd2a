import type { Transaction } from 'kysely'
import type { staffMethods } from '../../../shared/contract/staff'
import { AppError } from '../../../shared/errors'
import type { DB } from '../../db/schema'
import type { ReadDb, WriteContext } from '../../db/write'
import { hashSecret, secretKindOf } from '../auth/secret'
import type { HandlersFor } from '../context'
import { staffRows, toStaffAccount, type StaffRow } from './rows'
import { signinLimitHandlers } from './signin-limits'
import { SECRET_PROBLEM_MESSAGES, secretProblem } from '../../../shared/contract/secret-policy'

export const staffHandlers: HandlersFor<typeof staffMethods> = {
  'staff.list': async (_input, { read }) =>
    (await staffRows(read).orderBy('active', 'desc').orderBy('id').execute()).map(toStaffAccount),

  'staff.create': async (input, { write }) => {
    // Hash outside the transaction: scrypt takes ~0.1 s and must not hold the write lock.
    const hash = await hashSecret(input.secret)
    return write(async ({ tx, now, audit, emit }) => {
      await refuseUsernameClash(tx, input.username)
      if (input.doctorId !== null) await requireDoctor(tx, input.doctorId)
      const created = await tx
        .insertInto('staff')
        .values({
          name: input.name,
          username: input.username,
          role: input.role,
          doctor_id: input.doctorId,
          secret_kind: secretKindOf(input.secret),
          secret_hash: hash,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const account = toStaffAccount(await load(tx, created.id))
      audit({ entity: 'staff', entityId: account.id, after: account })
      emit('staff.changed', { staffIds: [account.id], signOut: false })
      return account
    })
  },

  'staff.update': async (input, { read, write }) => {
    const current = await load(read, input.id)
    const becomesAdmin = input.role === 'admin' && current.role !== 'admin'
    if (becomesAdmin && input.secret === undefined)
      throw new AppError('INVALID_INPUT', {
        field: 'secret',
        reason: 'weakSecret',
        message: SECRET_PROBLEM_MESSAGES.adminPassword,
        details: { problem: 'adminPassword' },
      })
    if (input.secret !== undefined)
      refuseWeak(input.secret, { username: current.username, role: input.role ?? current.role })
    const hash = input.secret === undefined ? null : await hashSecret(input.secret)
    return write(async ({ tx, audit, emit }) => {
      const before = await load(tx, input.id)
      const role = input.role ?? before.role
      const doctorId = input.role === undefined ? before.doctor_id : (input.doctorId ?? null)
      const active = input.active === undefined ? before.active === 1 : input.active
      if (doctorId !== null && doctorId !== before.doctor_id) await requireDoctor(tx, doctorId)
      if (before.role === 'admin' && before.active === 1 && (role !== 'admin' || !active))
        await refuseLastAdmin(tx, before.id)
      await tx
        .updateTable('staff')
        .set({
          name: input.name ?? before.name,
          role,
          doctor_id: doctorId,
          active: active ? 1 : 0,
          ...(hash && input.secret
            ? { secret_hash: hash, secret_kind: secretKindOf(input.secret) }
            : {}),
        })
        .where('id', '=', input.id)
        .execute()
      const after = await load(tx, input.id)
      // What the account may do changed: its open sessions end, it signs in again under the new rules.
      const signOut =
        after.role !== before.role ||
        after.doctor_id !== before.doctor_id ||
        after.active !== before.active ||
        hash !== null
      await finish({ tx, audit, emit }, before, after, signOut, hash ? { secretReset: true } : {})
      return toStaffAccount(after)
    })
  },

  'staff.resetSecret': async (input, { read, write }) => {
    refuseWeak(input.secret, await load(read, input.id))
    const hash = await hashSecret(input.secret)
    return write(async ({ tx, audit, emit }) => {
      const before = await load(tx, input.id)
      await tx
        .updateTable('staff')
        .set({
          secret_hash: hash,
          secret_kind: secretKindOf(input.secret),
          failed_attempts: 0,
          locked_until: null,
        })
        .where('id', '=', input.id)
        .execute()
      const after = await load(tx, input.id)
      await finish({ tx, audit, emit }, before, { ...after }, true, { secretReset: true })
      return toStaffAccount(after)
    })
  },

  'staff.unlock': (input, { write }) =>
    write(async ({ tx, audit, emit }) => {
      const before = await load(tx, input.id)
      await tx
        .updateTable('staff')
        .set({ failed_attempts: 0, locked_until: null })
        .where('id', '=', input.id)
        .execute()
      const after = await load(tx, input.id)
      await finish({ tx, audit, emit }, before, after, false)
      return toStaffAccount(after)
    }),

  ...signinLimitHandlers,
}

/** The rules that need the account (its user name, an admin's longer password): see secret-policy.ts. */
function refuseWeak(secret: string, account: { username: string; role: string }): void {
  const problem = secretProblem(secret, account)
  if (problem)
    throw new AppError('INVALID_INPUT', {
      field: 'secret',
      reason: 'weakSecret',
      message: SECRET_PROBLEM_MESSAGES[problem],
      details: { problem },
    })
}

/** Audit (never the hash), drop resume tokens when signing out, and tell the admin screens. */
async function finish(
  w: Pick<WriteContext, 'tx' | 'audit' | 'emit'>,
  before: StaffRow,
  after: StaffRow,
  signOut: boolean,
  extra: object = {},
): Promise<void> {
  if (signOut) await w.tx.deleteFrom('staff_sessions').where('staff_id', '=', after.id).execute()
  w.audit({
    entity: 'staff',
    entityId: after.id,
    before: toStaffAccount(before),
    after: { ...toStaffAccount(after), ...extra },
  })
  w.emit('staff.changed', { staffIds: [after.id], signOut })
}

async function load(db: ReadDb, id: number): Promise<StaffRow> {
  const row = await staffRows(db).where('id', '=', id).executeTakeFirst()
  if (!row) throw new AppError('NOT_FOUND', { field: 'id' })
  return row
}

async function refuseUsernameClash(tx: Transaction<DB>, username: string): Promise<void> {
  if (
    await tx.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst()
  ) {
    throw new AppError('CONFLICT', {
      field: 'username',
      message: `The user name "${username}" is taken.`,
    })
  }
}

async function requireDoctor(tx: Transaction<DB>, doctorId: number): Promise<void> {
  if (
    !(await tx.selectFrom('doctors').select('id').where('id', '=', doctorId).executeTakeFirst())
  ) {
    throw new AppError('NOT_FOUND', { field: 'doctorId', message: 'That doctor does not exist.' })
  }
}

/** The clinic must keep one active admin, or nobody could manage it any more. */
async function refuseLastAdmin(tx: Transaction<DB>, exceptId: number): Promise<void> {
  const other = await tx
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .where('id', '!=', exceptId)
    .executeTakeFirst()
  if (!other)
    throw new AppError('CONFLICT', {
      field: 'role',
      message: 'This is the last active admin account.',
    })
}
