import { createHash, randomBytes } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { ReadDb, WriteContext } from '../../db/write'

/**
 * Sign-in delays instead of lockouts. After a few free wrong attempts, each further one makes
 * the next attempt wait longer (30 s, 1, 2, 4, 8 minutes, then 15 at most), counted per account,
 * per computer and per known device. A guesser gets a handful of tries an hour; the desk, which
 * signs in from a device that has signed in before, is never held up by someone else's guessing.
 */
export const FREE_ATTEMPTS = { account: 5, computer: 10, device: 5 } as const
const FIRST_DELAY_MS = 30_000
export const MAX_DELAY_MS = 15 * 60_000
/** A computer's count is forgotten after an hour without a wrong attempt. */
export const COMPUTER_QUIET_MS = 60 * 60_000
/** A device stays known for this long after its last sign-in. */
export const DEVICE_TRUST_DAYS = 180

/** How long sign-in waits after the `failures`-th wrong attempt in a row (0: not at all). */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - free, 20))
}

/** The instant the next attempt may come, or null when there is no wait. */
export function delayedUntil(failures: number, free: number, now: Date): string | null {
  const ms = delayAfter(failures, free)
  return ms ? new Date(now.getTime() + ms).toISOString() : null
}

export const isFuture = (instant: string | null, now: Date): instant is string =>
  instant !== null && new Date(instant) > now

/** Refused unchecked: this computer or device must wait. Says until when, for the sentence. */
export function rateLimited(until: string, now: Date): AppError {
  const secondsLeft = Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 1000))
  return new AppError('RATE_LIMITED', {
    details: { retryAt: until, secondsLeft, minutesLeft: Math.ceil(secondsLeft / 60) },
  })
}

export const deviceHash = (token: string): string =>
  createHash('sha256').update(`device:${token}`).digest('hex')

export interface KnownDevice {
  readonly id: number
  readonly delayed_until: string | null
}

/** The device behind this token, if it signed in to this account and was used lately. */
export async function knownDevice(
  read: ReadDb,
  staffId: number,
  token: string | undefined,
  now: Date,
): Promise<KnownDevice | null> {
  if (!token) return null
  const since = new Date(now.getTime() - DEVICE_TRUST_DAYS * 86_400_000).toISOString()
  const row = await read
    .selectFrom('staff_devices')
    .select(['id', 'delayed_until'])
    .where('token_hash', '=', deviceHash(token))
    .where('staff_id', '=', staffId)
    .where('last_used_at', '>', since)
    .executeTakeFirst()
  return row ?? null
}

export async function computerDelay(read: ReadDb, address: string): Promise<string | null> {
  const row = await read
    .selectFrom('signin_computers')
    .select('delayed_until')
    .where('address', '=', address)
    .executeTakeFirst()
  return row?.delayed_until ?? null
}

/** Counts a wrong attempt against a computer (inside the caller's write). Returns its new delay. */
export async function failComputer(
  w: Pick<WriteContext, 'tx'>,
  address: string,
  now: Date,
): Promise<string | null> {
  const before = await w.tx
    .selectFrom('signin_computers')
    .select(['failures', 'last_failure_at'])
    .where('address', '=', address)
    .executeTakeFirst()
  const quiet = !before || now.getTime() - Date.parse(before.last_failure_at) > COMPUTER_QUIET_MS
  const failures = quiet ? 1 : before.failures + 1
  const row = {
    failures,
    delayed_until: delayedUntil(failures, FREE_ATTEMPTS.computer, now),
    last_failure_at: now.toISOString(),
  }
  await w.tx
    .insertInto('signin_computers')
    .values({ address, ...row })
    .onConflict((oc) => oc.column('address').doUpdateSet(row))
    .execute()
  return row.delayed_until
}

/** Counts a wrong attempt against a known device. Returns its new delay. */
export async function failDevice(
  w: Pick<WriteContext, 'tx'>,
  deviceId: number,
  now: Date,
): Promise<string | null> {
  const { failures: was } = await w.tx
    .selectFrom('staff_devices')
    .select('failures')
    .where('id', '=', deviceId)
    .executeTakeFirstOrThrow()
  const failures = was + 1
  const until = delayedUntil(failures, FREE_ATTEMPTS.device, now)
  await w.tx
    .updateTable('staff_devices')
    .set({ failures, delayed_until: until, last_failure_at: now.toISOString() })
    .where('id', '=', deviceId)
    .execute()
  return until
}

/**
 * After a right secret: the known device is stamped and its count cleared, or (first sign-in
 * from there) a new device token is made. Returns the new token, or null when the device was known.
 */
export async function rememberDevice(
  w: Pick<WriteContext, 'tx'>,
  staffId: number,
  device: KnownDevice | null,
  now: string,
): Promise<string | null> {
  if (device) {
    await w.tx
      .updateTable('staff_devices')
      .set({ last_used_at: now, failures: 0, delayed_until: null })
      .where('id', '=', device.id)
      .execute()
    return null
  }
  const since = new Date(Date.parse(now) - DEVICE_TRUST_DAYS * 86_400_000).toISOString()
  await w.tx.deleteFrom('staff_devices').where('last_used_at', '<=', since).execute()
  const token = randomBytes(32).toString('base64url')
  await w.tx
    .insertInto('staff_devices')
    .values({
      token_hash: deviceHash(token),
      staff_id: staffId,
      created_at: now,
      last_used_at: now,
    })
    .execute()
  return token
}
