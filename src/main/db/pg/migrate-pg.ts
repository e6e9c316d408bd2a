import type { ClientBase } from 'pg'
import { DatabaseTooNewError } from '../migrate'
import type { Migration } from '../migrations'

/** Any number, fixed: every ClinicDesk host that migrates the same database queues on it. */
const MIGRATION_LOCK = 0x436c6e44 // "ClnD"

/**
 * PostgreSQL's counterpart of migrate.ts. PostgreSQL has no user_version, so the version lives
 * in a one-row table, clinicdesk_schema. Each file runs in one transaction with its version bump
 * (PostgreSQL's DDL is transactional: a crash leaves a whole version or none). Several hosts may
 * start at once against one database: a transaction-scoped advisory lock makes them take turns,
 * and each re-reads the version once it holds the lock. A database written by a newer ClinicDesk
 * is refused, as on SQLite.
 */
export async function migratePg(
  client: ClientBase,
  migrations: readonly Migration[],
): Promise<{ from: number; to: number }> {
  const latest = migrations.length
  let from: number | undefined
  for (;;) {
    await client.query('BEGIN')
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
      // Under the lock: two hosts creating it at once would clash on the catalog's unique names.
      await client.query(
        'CREATE TABLE IF NOT EXISTS clinicdesk_schema (' +
          'one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one), version INTEGER NOT NULL)',
      )
      const version = await readVersion(client)
      from ??= version
      if (version > latest) {
        throw new DatabaseTooNewError(
          `This database was written by a newer ClinicDesk (schema version ${version}; this app knows up to ${latest}). ` +
            'Install the newer ClinicDesk, or restore a backup.',
        )
      }
      const next = migrations[version]
      if (!next) {
        await client.query('COMMIT')
        return { from, to: latest }
      }
      await client.query(next.sql)
      await client.query(
        'INSERT INTO clinicdesk_schema (one, version) VALUES (TRUE, $1) ' +
          'ON CONFLICT (one) DO UPDATE SET version = excluded.version',
        [next.version],
      )
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK')
      throw error
    }
  }
}

export async function readVersion(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ version: number }>('SELECT version FROM clinicdesk_schema')
  return rows[0]?.version ?? 0
}
