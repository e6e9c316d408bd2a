import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { Caller } from '../../../shared/roles'
import type { Connection } from '../../host/connection'
import { decoyHash, verifySecret } from './secret'
import type { ServiceContext } from '../context'
import { STAFF_COLUMNS, type StaffRow } from '../staff/rows'

/** 5 wrong secrets in a row lock the account for 15 minutes. */
export const MAX_FAILED_ATTEMPTS = 5
export const LOCK_MINUTES = 15
/** A browser sign-in can be resumed after a reconnect for one working shift. */
const RESUME_HOURS = 12

/** Thrown when an account is locked: how long is left, for a clear sentence on the login screen. */
export function lockedError(lockedUntil: string, now: Date): AppError {
  const minutesLeft = Math.max(
    1,
    Math.ceil((new Date(lockedUntil).getTime() - now.getTime()) / 60_000),
  )
  return new AppError('ACCOUNT_LOCKED', { details: { lockedUntil, minutesLeft } })
}

/**
 * Checks a user name and secret: rate limit per computer, lockout, scrypt in constant time, and
 * the failed-attempt count, each outcome audited. Returns the account on success; throws otherwise.
 * Failed attempts are committed before the error is thrown (they must survive the refusal).
 */
export async function checkCredentials(
  ctx: ServiceContext,
  by: { username: string } | { staffId: number },
  secret: string,
): Promise<StaffRow> {
  if (ctx.connection && !ctx.connection.allowLoginAttempt()) throw new AppError('RATE_LIMITED')
  try {
    return await verifyAccount(ctx, by, secret)
  } catch (error) {
    // Every refusal counts against the computer it came from, whichever account it tried.
    ctx.connection?.noteFailedLogin()
    throw error
  }
}

async function verifyAccount(
  ctx: ServiceContext,
  by: { username: string } | { staffId: number },
  secret: string,
): Promise<StaffRow> {
  let query = ctx.read.selectFrom('staff').select([...STAFF_COLUMNS, 'secret_hash'])
  query =
    'username' in by
      ? query.where('username', '=', by.username)
      : query.where('id', '=', by.staffId)
  const row = await query.executeTakeFirst()
  const now = ctx.clock.now()

  if (!row || row.active !== 1) {
    await verifySecret(secret, await decoyHash())
    await ctx.write(async ({ audit }) =>
      audit({
        entity: 'staff',
        entityId: row?.id ?? null,
        after: { outcome: 'unknown-or-inactive', username: 'username' in by ? by.username : null },
      }),
    )
    throw new AppError('BAD_CREDENTIALS')
  }
  if (row.locked_until !== null && new Date(row.locked_until) > now)
    throw lockedError(row.locked_until, now)

  if (await verifySecret(secret, row.secret_hash)) return row

  // Re-read inside BEGIN IMMEDIATE: parallel wrong attempts are counted one by one.
  const lockedUntil = await ctx.write(async ({ tx, audit, emit }) => {
    const current = await tx
      .selectFrom('staff')
      .select(['failed_attempts'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    const failed = current.failed_attempts + 1
    const locks = failed >= MAX_FAILED_ATTEMPTS
    const until = locks ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null
    await tx
      .updateTable('staff')
      .set(locks ? { failed_attempts: 0, locked_until: until } : { failed_attempts: failed })
      .where('id', '=', row.id)
      .execute()
    audit({
      entity: 'staff',
      entityId: row.id,
      after: locks
        ? { outcome: 'locked', lockedUntil: until }
        : { outcome: 'wrong-secret', failedAttempts: failed },
    })
    emit('staff.changed', { staffIds: [row.id], signOut: false })
    return until
  })
  if (lockedUntil) throw lockedError(lockedUntil, now)
  throw new AppError('BAD_CREDENTIALS')
}

/**
 * The caller a user becomes on this connection. In Electron the window's role comes from the main
 * process and the user must fit it; in a browser the user's own role (or the display, if asked).
 */
export function callerForUser(
  user: StaffRow,
  connection: Connection | undefined,
  wantsDisplay: boolean,
): Caller {
  const where = connection?.origin ?? 'host'
  const who = `${user.name} [${user.username}]`
  const screen = connection?.screen
  if (screen) {
    const fits =
      screen.role === 'display' ||
      (screen.role === 'admin' && user.role === 'admin') ||
      (screen.role === 'reception' && (user.role === 'reception' || user.role === 'admin')) ||
      (screen.role === 'doctor' && user.role === 'doctor' && user.doctor_id === screen.doctorId)
    if (!fits) throw new AppError('WRONG_SCREEN')
    return {
      role: screen.role,
      staffId: user.id,
      label: `${who} ${screen.role}@${where}`,
      ...(screen.doctorId === undefined ? {} : { doctorId: screen.doctorId }),
    }
  }
  if (wantsDisplay) return { role: 'display', staffId: user.id, label: `${who} display@${where}` }
  return {
    role: user.role,
    staffId: user.id,
    label: `${who} ${user.role}@${where}`,
    ...(user.role === 'doctor' && user.doctor_id !== null ? { doctorId: user.doctor_id } : {}),
  }
}

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex')

/**
 * Records a successful sign-in (clears failed attempts, stamps the time, audits it) and, for a
 * browser socket, issues a resume token whose hash is stored. Returns the token or null.
 */
export async function recordSignIn(
  ctx: ServiceContext,
  user: StaffRow,
  caller: Caller,
  outcome: string,
): Promise<string | null> {
  const issue = ctx.connection?.kind === 'socket'
  const token = issue ? randomBytes(32).toString('base64url') : null
  await ctx.write(async ({ tx, now, audit }) => {
    await tx
      .updateTable('staff')
      .set({ failed_attempts: 0, locked_until: null, last_login_at: now })
      .where('id', '=', user.id)
      .execute()
    await tx.deleteFrom('staff_sessions').where('expires_at', '<', now).execute()
    if (token) {
      const expires = new Date(new Date(now).getTime() + RESUME_HOURS * 3_600_000).toISOString()
      await tx
        .insertInto('staff_sessions')
        .values({
          token_hash: tokenHash(token),
          staff_id: user.id,
          role: caller.role,
          created_at: now,
          expires_at: expires,
        })
        .execute()
    }
    audit({ entity: 'staff', entityId: user.id, after: { outcome, as: caller.label } })
  })
  return token
}
