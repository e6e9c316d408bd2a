/**
 * The device tokens this browser or window holds, one per user name (localStorage: they must
 * outlive the tab and the app). Sent with a sign-in of that user, they tell the host "this
 * computer signed in to this account before", so someone else's wrong guesses never hold up the
 * right secret typed here. Losing one only means the next sign-in is treated like a new computer.
 */
const KEY = 'clinicdesk.devices'

function all(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}')
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {}
  } catch {
    return {}
  }
}

const normal = (username: string): string => username.trim().toLowerCase()

/** The token for this user name, if this computer has signed in to it before. */
export function deviceTokenFor(username: string): string | undefined {
  const token = all()[normal(username)]
  return typeof token === 'string' && token.length > 0 ? token : undefined
}

/** Keeps the token a sign-in answered with (only the first sign-in from here gets one). */
export function keepDeviceToken(
  status: { deviceToken: string | null; user: { username: string } | null } | undefined,
): void {
  if (!status?.deviceToken || !status.user) return
  try {
    localStorage.setItem(
      KEY,
      JSON.stringify({ ...all(), [status.user.username]: status.deviceToken }),
    )
  } catch {
    // Storage full or refused: this computer is simply treated as new next time.
  }
}
