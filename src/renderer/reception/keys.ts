/**
 * An idempotency key for one submission: 32 hex characters.
 * getRandomValues works on plain-http LAN pages too, where crypto.randomUUID is missing
 * (it needs a secure context).
 */
export function newSubmissionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
