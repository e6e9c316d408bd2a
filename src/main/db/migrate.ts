import type { Database } from 'better-sqlite3'
import type { Migration } from './migrations'

export class DatabaseTooNewError extends Error {}

/**
 * Brings the database up to the newest migration. Each file runs in one IMMEDIATE
 * transaction together with its user_version bump, so a crash leaves a whole version or none.
 * A database written by a newer ClinicDesk is refused rather than misread.
 */
export function migrate(
  sqlite: Database,
  migrations: readonly Migration[],
): { from: number; to: number } {
  const from = sqlite.pragma('user_version', { simple: true }) as number
  const latest = migrations.length
  if (from > latest) {
    throw new DatabaseTooNewError(
      `This database was written by a newer ClinicDesk (schema version ${from}; this app knows up to ${latest}). ` +
        'Install the newer ClinicDesk, or open a backup.',
    )
  }
  for (const m of migrations.slice(from)) {
    const apply = sqlite.transaction(() => {
      sqlite.exec(m.sql)
      sqlite.pragma(`user_version = ${m.version}`)
    })
    apply.immediate()
  }
  return { from, to: latest }
}
