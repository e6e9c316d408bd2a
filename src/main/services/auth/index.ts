import type { authMethods } from '../../../shared/contract/auth'
import { AppError } from '../../../shared/errors'
import type { Caller } from '../../../shared/roles'
import { hashSecret, secretKindOf } from './secret'
import { authSettings } from './settings'
import { callerForUser, checkCredentials, recordSignIn, tokenHash } from './signin'
import { statusOf } from './status'
import type { HandlersFor, ServiceContext } from '../context'
import { STAFF_COLUMNS } from '../staff/rows'
import { SECRET_PROBLEM_MESSAGES, secretProblem } from '../../../shared/contract/secret-policy'

/** Signs a user in on the calling connection (or, host-internal, only checks and reports). */
async function signIn(
  ctx: ServiceContext,
  input: { username: string; secret: string; screen?: 'display'; deviceToken?: string },
  outcome: string,
) {
  const checked = await checkCredentials(
    ctx,
    { username: input.username },
    input.secret,
    input.deviceToken,
  )
  const caller = callerForUser(checked.user, ctx.connection, input.screen === 'display')
  const tokens = await recordSignIn(ctx, checked, caller, outcome)
  ctx.connection?.signIn(caller)
  return statusOf(ctx.read, { caller, connection: ctx.connection }, tokens)
}

const current = (
  ctx: ServiceContext,
): { caller: Caller; lockedCaller?: Caller; connection?: ServiceContext['connection'] } =>
  ctx.connection
    ? {
        caller: ctx.connection.caller,
        lockedCaller: ctx.connection.lockedCaller,
        connection: ctx.connection,
      }
    : { caller: ctx.caller }

export const authHandlers: HandlersFor<typeof authMethods> = {
  'auth.status': async (_input, ctx) => statusOf(ctx.read, current(ctx)),

  'auth.login': (input, ctx) => signIn(ctx, input, 'signed-in'),

  'auth.switchUser': (input, ctx) => signIn(ctx, input, 'switched-in'),

  'auth.logout': async (input, ctx) => {
    if (input.resumeToken) {
      const hash = tokenHash(input.resumeToken)
      const known = await ctx.read
        .selectFrom('staff_sessions')
        .select('token_hash')
        .where('token_hash', '=', hash)
        .executeTakeFirst()
      if (known)
        await ctx.write(
          async ({ tx }) =>
            void (await tx.deleteFrom('staff_sessions').where('token_hash', '=', hash).execute()),
        )
    }
    ctx.connection?.signOut()
    return statusOf(ctx.read, current(ctx))
  },

  'auth.lock': async (_input, ctx) => {
    ctx.connection?.lock()
    return statusOf(ctx.read, current(ctx))
  },

  'auth.unlock': async (input, ctx) => {
    const locked = ctx.connection?.lockedCaller
    if (!locked || locked.staffId === undefined) {
      if (ctx.connection?.caller.role !== 'guest') return statusOf(ctx.read, current(ctx))
      throw new AppError('UNAUTHENTICATED')
    }
    const checked = await checkCredentials(
      ctx,
      { staffId: locked.staffId },
      input.secret,
      input.deviceToken,
    )
    // The same caller as before the lock: unlocking never changes what the screen may do.
    const { deviceToken } = await recordSignIn(ctx, checked, locked, 'unlocked')
    ctx.connection?.signIn(locked)
    return statusOf(ctx.read, current(ctx), { resumeToken: null, deviceToken })
  },

  'auth.resume': async (input, ctx) => {
    const now = ctx.clock.now().toISOString()
    const session = await ctx.read
      .selectFrom('staff_sessions')
      .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
      .select([
        ...STAFF_COLUMNS.map((c) => `staff.${c}` as const),
        'staff_sessions.role as session_role',
        'staff_sessions.expires_at',
      ])
      .where('staff_sessions.token_hash', '=', tokenHash(input.token))
      .executeTakeFirst()
    if (
      !session ||
      session.expires_at <= now ||
      session.active !== 1 ||
      ctx.connection?.kind === 'window'
    )
      throw new AppError('UNAUTHENTICATED')
    const caller = callerForUser(session, ctx.connection, session.session_role === 'display')
    ctx.connection?.signIn(caller)
    return statusOf(ctx.read, { caller, connection: ctx.connection }, { resumeToken: input.token })
  },

  'auth.openDisplay': async (_input, ctx) => {
    const { displayWithoutLogin } = await authSettings(ctx.read)
    const screen = ctx.connection?.screen
    if (!displayWithoutLogin || (screen && screen.role !== 'display'))
      throw new AppError('FORBIDDEN')
    const caller: Caller = {
      role: 'display',
      label: `display@${ctx.connection?.origin ?? 'host'} (no login)`,
    }
    ctx.connection?.signIn(caller)
    return statusOf(ctx.read, { caller, connection: ctx.connection })
  },

  'auth.changeSecret': async (input, ctx) => {
    const staffId = ctx.caller.staffId
    if (staffId === undefined)
      throw new AppError('FORBIDDEN', {
        message: 'Only a signed-in user can change their own secret.',
      })
    // The new secret is judged first (for this account's name and role): a weak one costs no attempt.
    const account = await ctx.read
      .selectFrom('staff')
      .select(['username', 'role'])
      .where('id', '=', staffId)
      .executeTakeFirst()
    const problem = secretProblem(input.next, account)
    if (problem)
      throw new AppError('INVALID_INPUT', {
        field: 'next',
        message: SECRET_PROBLEM_MESSAGES[problem],
        details: { problem },
      })
    await checkCredentials(ctx, { staffId }, input.current, input.deviceToken)
    const next = { data: input.next }
    const hash = await hashSecret(next.data)
    await ctx.write(async ({ tx, audit, emit }) => {
      await tx
        .updateTable('staff')
        .set({ secret_hash: hash, secret_kind: secretKindOf(next.data) })
        .where('id', '=', staffId)
        .execute()
      await tx.deleteFrom('staff_sessions').where('staff_id', '=', staffId).execute()
      audit({
        entity: 'staff',
        entityId: staffId,
        after: { outcome: 'secret-changed', secretKind: secretKindOf(next.data) },
      })
      emit('staff.changed', { staffIds: [staffId], signOut: false })
    })
    return {}
  },
}
