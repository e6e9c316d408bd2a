/**
 * SQLite 3.7.0 – 3.51.2 can corrupt a WAL database when a checkpoint races a writer
 * (the "WAL-reset" bug, fixed in 3.51.3 and back-ported to 3.50.7 and 3.44.6).
 * A clinic's only copy of its bookings must not run on an affected build.
 */
export function hasWalResetFix(version: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number)
  if (major !== 3) return major > 3
  if (minor > 51 || (minor === 51 && patch >= 3)) return true
  if (minor === 50) return patch >= 7
  if (minor === 44) return patch >= 6
  return false
}
