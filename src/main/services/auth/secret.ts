import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { PIN_PATTERN } from '../../../shared/contract/secret-policy'

/**
 * scrypt with N=2^15, r=8, p=1 (32 MiB, ~0.1 s here): slow enough to make guessing a leaked
 * hash costly, quick enough for a sign-in. The parameters are stored with each hash, so they can
 * be raised later without invalidating old accounts.
 */
const PARAMS = { N: 1 << 15, r: 8, p: 1 } as const
const KEY_BYTES = 32
const SALT_BYTES = 16

function derive(
  secret: string,
  salt: Buffer,
  params: { N: number; r: number; p: number },
): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r }
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
}

/** "scrypt$N$r$p$salt$hash" with a fresh random salt per call (so per user and per change). */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(secret, salt, PARAMS)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('hex'), key.toString('hex')].join(
    '$',
  )
}

/** Compares in constant time. A malformed stored hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number)
  const salt = Buffer.from(parts[4] ?? '', 'hex')
  const expected = Buffer.from(parts[5] ?? '', 'hex')
  if (!N || !r || !p || N > 1 << 20 || expected.length !== KEY_BYTES) return false
  const actual = await derive(secret, salt, { N, r, p })
  return timingSafeEqual(actual, expected)
}

/**
 * A hash of nothing anyone knows: a sign-in for an unknown user name is checked against it, so
 * the answer takes as long as for a real account and does not reveal which names exist.
 */
let decoy: Promise<string> | undefined
export const decoyHash = (): Promise<string> =>
  (decoy ??= hashSecret(randomBytes(24).toString('hex')))

export const secretKindOf = (secret: string): 'pin' | 'password' =>
  PIN_PATTERN.test(secret) ? 'pin' : 'password'
