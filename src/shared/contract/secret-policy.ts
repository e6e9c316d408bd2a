/**
 * Which new passwords and PINs the clinic accepts. Shared by the host (which enforces it) and the
 * forms (which explain it before a round trip), so both say the same thing.
 *
 * @example secretProblem('123456', { username: 'desk', role: 'reception' }) // 'trivial'
 */

/** A PIN is exactly 6 digits; anything else is a password. */
export const PIN_PATTERN = /^\d{6}$/
export const MIN_PASSWORD = 8
/** An admin account can change everything, the accounts included: a password only, and longer. */
export const MIN_ADMIN_PASSWORD = 10

/** Why a new secret is refused; each has a sentence in both languages (admin.staff.secretProblem.*). */
export type SecretProblem = 'shape' | 'trivial' | 'username' | 'adminPassword'

export const SECRET_PROBLEM_MESSAGES: Record<SecretProblem, string> = {
  shape: 'a password of at least 8 characters (not only digits) or a PIN of 6 digits',
  trivial: 'too easy to guess (repeated or sequential characters, or a very common password)',
  username: 'must not be the user name',
  adminPassword: 'an admin account needs a password of at least 10 characters, not a PIN',
}

/** The passwords guessed first everywhere (the digit ones are caught by the rules below). */
const COMMON = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  'qwertyui',
  'qwertyuiop',
  'qwerty123',
  '1qaz2wsx',
  'abc12345',
  'abcd1234',
  'iloveyou',
  'admin123',
  'admin1234',
  'welcome1',
  'changeme',
  'letmein1',
  'woaini1314',
])

/** One character repeated, or a short block repeated (111111, 121212, 123123, abcabcabc). */
function repeats(s: string): boolean {
  for (let period = 1; period <= 3; period++) {
    if (s.length < period * 2 || s.length % period !== 0) continue
    if (s === s.slice(0, period).repeat(s.length / period)) return true
  }
  return false
}

/** Each character one up (or one down) from the one before: 123456, 987654, abcdefgh, 7890… */
function sequential(s: string): boolean {
  const step = (i: number): number => {
    const a = s.charCodeAt(i - 1)
    const b = s.charCodeAt(i)
    // 9 → 0 continues a run of digits (789012 is as easy as 123456).
    if (a === 57 && b === 48) return 1
    if (a === 48 && b === 57) return -1
    return b - a
  }
  if (s.length < 3) return false
  const first = step(1)
  if (first !== 1 && first !== -1) return false
  for (let i = 2; i < s.length; i++) if (step(i) !== first) return false
  return true
}

/** A secret whose digits pair up (112233, 123321): still guessed early. */
const MIRRORED_OR_PAIRED = (s: string): boolean =>
  s === [...s].reverse().join('') || /^(\d)\1(\d)\2(\d)\3$/.test(s)

/** True for a secret a guesser tries first, whatever the account. */
export function isTrivialSecret(secret: string): boolean {
  const s = secret.normalize('NFC').toLowerCase()
  return (
    COMMON.has(s) || repeats(s) || sequential(s) || (PIN_PATTERN.test(s) && MIRRORED_OR_PAIRED(s))
  )
}

/**
 * What is wrong with this new secret for this account, or null when it may be used. The user name
 * is refused alone, reversed, or with only digits or signs around it (desk2024, admin!).
 */
export function secretProblem(
  secret: string,
  account: { readonly username?: string; readonly role?: string } = {},
): SecretProblem | null {
  const isPin = PIN_PATTERN.test(secret)
  if (!isPin && (secret.length < MIN_PASSWORD || /^\d+$/.test(secret))) return 'shape'
  if (isTrivialSecret(secret)) return 'trivial'
  const name = account.username?.trim().toLowerCase()
  if (name && name.length >= 2) {
    const s = secret.normalize('NFC').toLowerCase()
    const reversed = [...name].reverse().join('')
    const rest = s.split(name).join('').split(reversed).join('')
    if (rest !== s && !/\p{L}/u.test(rest)) return 'username'
  }
  if (account.role === 'admin' && (isPin || secret.length < MIN_ADMIN_PASSWORD))
    return 'adminPassword'
  return null
}
