import BetterSqlite3 from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { migrate } from '../../src/main/db/migrate'
import { MIGRATIONS } from '../../src/main/db/migrations'
import { migratePg } from '../../src/main/db/pg/migrate-pg'
import { PG_MIGRATIONS } from '../../src/main/db/pg/migrations-pg'
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster'
import { pgCatalog, sqliteCatalog, type Catalog } from '../helpers/schema-catalog'

/**
 * What each engine has that the other has not, on purpose (the migration files say why).
 * Anything else that differs fails the test: a migration added to one engine only, a column
 * typed or nulled differently, a missing unique, CHECK or index.
 */
const SQLITE_ONLY_TRIGGERS = [
  // FTS5 upkeep: PostgreSQL's name-substring search reads patients itself (patients/search.ts).
  'patients.patients_name_chars_insert',
  'patients.patients_name_chars_update',
  'patients.patients_name_chars_delete',
  'patients.patients_name_chars_retire',
]
const PG_ONLY_TABLES = ['clinicdesk_schema'] // PostgreSQL has no user_version
// Byte order for an ID number's start, as SQLite's BINARY collation reads the unique index.
const PG_ONLY_INDEXES = ['patients_id_number_pattern']
const PG_ONLY_TRIGGERS = ['audit_log.audit_log_no_truncate'] // TRUNCATE skips row triggers

function without(
  catalog: Catalog,
  tables: string[],
  indexes: string[],
  triggers: string[],
): Catalog {
  return {
    tables: Object.fromEntries(Object.entries(catalog.tables).filter(([t]) => !tables.includes(t))),
    indexes: Object.fromEntries(
      Object.entries(catalog.indexes).filter(([i]) => !indexes.includes(i)),
    ),
    triggers: catalog.triggers.filter((t) => !triggers.includes(t)).sort(),
  }
}

describe.skipIf(pgSkipReason)(
  `PostgreSQL schema parity${pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''}`,
  () => {
    let cluster: PgCluster
    let client: pg.Client
    beforeAll(async () => {
      cluster = await startPgCluster()
      client = new pg.Client({ connectionString: await cluster.database() })
      await client.connect()
      await migratePg(client, PG_MIGRATIONS)
    })
    afterAll(async () => {
      await client?.end()
      cluster?.stop()
    })

    test('one PostgreSQL migration per SQLite migration, with the same numbers and names', () => {
      expect(PG_MIGRATIONS.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name))
    })

    test('both catalogs hold the same tables, columns, nullability, keys, uniques, checks, indexes and triggers', async () => {
      const sqlite = new BetterSqlite3(':memory:')
      migrate(sqlite, MIGRATIONS)
      const lite = without(sqliteCatalog(sqlite), [], [], SQLITE_ONLY_TRIGGERS)
      sqlite.close()
      const pgc = without(
        await pgCatalog(client),
        PG_ONLY_TABLES,
        PG_ONLY_INDEXES,
        PG_ONLY_TRIGGERS,
      )
      // Table by table first, so a failure names the table that differs.
      expect(Object.keys(pgc.tables)).toEqual(Object.keys(lite.tables))
      for (const name of Object.keys(lite.tables))
        expect({ table: name, ...pgc.tables[name] }).toEqual({ table: name, ...lite.tables[name] })
      expect(pgc.indexes).toEqual(lite.indexes)
      expect(pgc.triggers).toEqual(lite.triggers)
    })

    test('the comparison can fail: one column, index or check less on one side is seen', async () => {
      const before = await pgCatalog(client)
      for (const change of [
        'ALTER TABLE leaves DROP COLUMN reopened_at',
        'DROP INDEX leaves_dates',
        'ALTER TABLE doctor_schedules DROP CONSTRAINT doctor_schedules_check',
        'ALTER TABLE appointments ALTER COLUMN created_by DROP NOT NULL',
      ]) {
        await client.query('BEGIN')
        try {
          await client.query(change)
          expect(await pgCatalog(client), change).not.toEqual(before)
        } finally {
          await client.query('ROLLBACK')
        }
      }
    })
  },
)
