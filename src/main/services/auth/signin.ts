import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { Caller } from '../../../shared/roles'
import type { Connection } from '../../host/connection'
import { decoyHash, verifySecret } from './secret'
import type { ServiceContext } from '../context'
import { STAFF_COLUMNS, type StaffRow } from '../staff/rows'
import {
  FREE_ATTEMPTS,
  computerDelay,
  delayedUntil,
  failComputer,
  failDevice,
  isFuture,
  knownDevice,
  rateLimited,
  rememberDevice,
  type KnownDevice,
} from './limits'

/** A browser sign-in can be resumed after a reconnect for one working shift. */
const RESUME_HOURS = 12

/** Thrown while an account's delay runs: how long is left, for a clear sentence on the login screen. */
export function lockedError(lockedUntil: string, now: Date): AppError {
  const ms = new Date(lockedUntil).getTime() - now.getTime()
  const minutesLeft = Math.max(1, Math.ceil(ms / 60_000))
  const secondsLeft = Math.max(1, Math.ceil(ms / 1000))
  return new AppError('ACCOUNT_LOCKED', { details: { lockedUntil, minutesLeft, secondsLeft } })
}

/** The account a right secret opened, and the known device it came from (null: a new one). */
export interface CheckedSignIn {
  readonly user: StaffRow
  readonly device: KnownDevice | null
}

/**
 * Checks a user name and secret against the sign-in delays (limits.ts), then scrypt in constant
 * time, each outcome audited. From a device that signed in to this account before, only that
 * device's own delay applies; from anywhere else, the account's and the computer's. Wrong
 * attempts are committed before the error is thrown (they must survive the refusal).
 */
export async function checkCredentials(
  ctx: ServiceContext,
  by: { username: string } | { staffId: number },
  secret: string,
  deviceToken?: string,
): Promise<CheckedSignIn> {
  let query = ctx.read.selectFrom('staff').select([...STAFF_COLUMNS, 'secret_hash'])
  query =
    'username' in by
      ? query.where('username', '=', by.username)
      : query.where('id', '=', by.staffId)
  const row = await query.executeTakeFirst()
  const now = ctx.clock.now()
  const account = row && row.active === 1 ? row : undefined
  const device = account ? await knownDevice(ctx.read, account.id, deviceToken, now) : null
  // Only a browser has an address worth counting; a window is the host PC itself.
  const computer = !device && ctx.connection?.kind === 'socket' ? ctx.connection.origin : null

  if (device && isFuture(device.delayed_until, now)) throw rateLimited(device.delayed_until, now)
  if (computer) {
    const until = await computerDelay(ctx.read, computer)
    if (isFuture(until, now)) throw rateLimited(until, now)
  }
  if (!device && account && isFuture(account.locked_until, now))
    throw lockedError(account.locked_until, now)

  if (!account) {
    await verifySecret(secret, await decoyHash())
    const until = await ctx.write(async ({ tx, audit, emit }) => {
      audit({
        entity: 'staff',
        entityId: row?.id ?? null,
        after: { outcome: 'unknown-or-inactive', username: 'username' in by ? by.username : null },
      })
      if (!computer) return null
      emit('staff.changed', { staffIds: [], signOut: false })
      return failComputer({ tx }, computer, now)
    })
    if (until) throw rateLimited(until, now)
    throw new AppError('BAD_CREDENTIALS')
  }

  if (await verifySecret(secret, account.secret_hash)) return { user: account, device }

  // Re-read inside BEGIN IMMEDIATE: parallel wrong attempts are counted one by one.
  const delays = await ctx.write(async ({ tx, audit, emit }) => {
    if (device) {
      const deviceUntil = await failDevice({ tx }, device.id, now)
      audit({
        entity: 'staff',
        entityId: account.id,
        after: { outcome: 'wrong-secret', from: 'known-device', deviceUntil },
      })
      emit('staff.changed', { staffIds: [account.id], signOut: false })
      return { accountUntil: null, otherUntil: deviceUntil }
    }
    const current = await tx
      .selectFrom('staff')
      .select(['failed_attempts'])
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow()
    const failed = current.failed_attempts + 1
    const accountUntil = delayedUntil(failed, FREE_ATTEMPTS.account, now)
    await tx
      .updateTable('staff')
      .set({ failed_attempts: failed, locked_until: accountUntil })
      .where('id', '=', account.id)
      .execute()
    const computerUntil = computer ? await failComputer({ tx }, computer, now) : null
    audit({
      entity: 'staff',
      entityId: account.id,
      after: { outcome: 'wrong-secret', failedAttempts: failed, accountUntil, computerUntil },
    })
    emit('staff.changed', { staffIds: [account.id], signOut: false })
    return { accountUntil, otherUntil: computerUntil }
  })
  if (delays.accountUntil) throw lockedError(delays.accountUntil, now)
  if (delays.otherUntil) throw rateLimited(delays.otherUntil, now)
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
 * Records a successful sign-in (stamps the time, audits it), remembers the device and, for a
 * browser socket, issues a resume token whose hash is stored. A sign-in from a new device also
 * clears the account's count: the one who waited out the delay knew the secret. From a known
 * device it does not, so a guesser elsewhere stays as slow as before.
 */
export async function recordSignIn(
  ctx: ServiceContext,
  { user, device }: CheckedSignIn,
  caller: Caller,
  outcome: string,
): Promise<{ resumeToken: string | null; deviceToken: string | null }> {
  const issue = ctx.connection?.kind === 'socket'
  const resumeToken = issue ? randomBytes(32).toString('base64url') : null
  return ctx.write(async ({ tx, now, audit }) => {
    await tx
      .updateTable('staff')
      .set(
        device
          ? { last_login_at: now }
          : { failed_attempts: 0, locked_until: null, last_login_at: now },
      )
      .where('id', '=', user.id)
      .execute()
    const deviceToken = await rememberDevice({ tx }, user.id, device, now)
    await tx.deleteFrom('staff_sessions').where('expires_at', '<', now).execute()
    if (resumeToken) {
      const expires = new Date(new Date(now).getTime() + RESUME_HOURS * 3_600_000).toISOString()
      await tx
        .insertInto('staff_sessions')
        .values({
          token_hash: tokenHash(resumeToken),
          staff_id: user.id,
          role: caller.role,
          created_at: now,
          expires_at: expires,
        })
        .execute()
    }
    audit({
      entity: 'staff',
      entityId: user.id,
      after: { outcome, as: caller.label, device: device ? 'known' : 'new' },
    })
    return { resumeToken, deviceToken }
  })
}
