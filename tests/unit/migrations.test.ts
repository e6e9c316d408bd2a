import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, test } from 'vitest'
import { DatabaseTooNewError, migrate } from '../../src/main/db/migrate'
import { MIGRATIONS, parseMigrations, type Migration } from '../../src/main/db/migrations'
import { openDatabase, type OpenedDatabase } from '../../src/main/db/open'
import { hasWalResetFix } from '../../src/main/db/sqlite-version'
import { tempDir } from '../helpers/temp-dir'

const LATEST = MIGRATIONS.length
let dir: ReturnType<typeof tempDir>
const opened: OpenedDatabase[] = []
const open = (migrations?: readonly Migration[]): OpenedDatabase => {
  const db = openDatabase(dir.file('clinic.sqlite'), migrations)
  opened.push(db)
  return db
}
const closeAll = async (): Promise<void> => {
  for (const db of opened.splice(0)) await db.close()
}
const tables = (db: OpenedDatabase): string[] =>
  (
    db.sqlite
      .prepare("select name from sqlite_schema where type = 'table' order by name")
      .all() as { name: string }[]
  ).map((r) => r.name)
const userVersion = (db: OpenedDatabase): number =>
  db.sqlite.pragma('user_version', { simple: true }) as number

afterEach(async () => {
  await closeAll()
  dir?.remove()
})

describe('migrations', () => {
  test('are bundled, numbered 1…n without gaps', () => {
    expect(LATEST).toBeGreaterThanOrEqual(1)
    expect(MIGRATIONS.map((m) => m.version)).toEqual(
      Array.from({ length: LATEST }, (_, i) => i + 1),
    )
    expect(MIGRATIONS[0]?.name).toBe('0001_init.sql')
  })

  test('a file name or numbering that breaks the rule is refused', () => {
    expect(() => parseMigrations({ '/db/migrations/1_init.sql': '' })).toThrow(/0001_name\.sql/)
    expect(() =>
      parseMigrations({ '/db/migrations/0001_a.sql': '', '/db/migrations/0003_c.sql': '' }),
    ).toThrow(/without gaps/)
  })

  test('a fresh database gets every migration and the latest user_version', () => {
    dir = tempDir()
    const db = open()
    expect(db.migratedFrom).toBe(0)
    expect(userVersion(db)).toBe(LATEST)
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'settings',
        'departments',
        'rooms',
        'doctors',
        'change_epochs',
        'audit_log',
      ]),
    )
  })

  test.each(Array.from({ length: LATEST - 1 }, (_, i) => i + 1))(
    'a database at version %i upgrades to the latest and keeps its data',
    async (version) => {
      dir = tempDir()
      const old = open(MIGRATIONS.slice(0, version))
      expect(userVersion(old)).toBe(version)
      old.sqlite
        .prepare(
          "insert into departments (name, created_at) values ('内科', '2026-01-01T00:00:00Z')",
        )
        .run()
      await closeAll()

      const db = open()
      expect(db.migratedFrom).toBe(version)
      expect(userVersion(db)).toBe(LATEST)
      expect(db.sqlite.prepare('select name from departments').all()).toEqual([{ name: '内科' }])
    },
  )

  test('opening an up-to-date database again changes nothing', async () => {
    dir = tempDir()
    open()
    await closeAll()
    const db = open()
    expect(db.migratedFrom).toBe(LATEST)
    expect(userVersion(db)).toBe(LATEST)
  })

  test('a database written by a newer ClinicDesk is refused with a clear message, and left as it was', async () => {
    dir = tempDir()
    const raw = new BetterSqlite3(dir.file('clinic.sqlite'))
    raw.pragma(`user_version = ${LATEST + 1}`)
    raw.close()
    expect(() => open()).toThrow(DatabaseTooNewError)
    expect(() => open()).toThrow(
      /newer ClinicDesk \(schema version \d+; this app knows up to \d+\)/,
    )
    const after = new BetterSqlite3(dir.file('clinic.sqlite'))
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST + 1)
    expect(
      after.prepare("select count(*) as n from sqlite_schema where type = 'table'").get(),
    ).toEqual({ n: 0 })
    after.close()
  })

  test('a migration that fails part-way leaves the schema and user_version as before (one transaction)', async () => {
    dir = tempDir()
    open()
    await closeAll()
    const broken: Migration = {
      version: LATEST + 1,
      name: `${String(LATEST + 1).padStart(4, '0')}_broken.sql`,
      sql: 'CREATE TABLE half_done (a INTEGER);\nINSERT INTO half_done VALUES (1);\nINSERT INTO no_such_table VALUES (1);',
    }
    expect(() => open([...MIGRATIONS, broken])).toThrow(/no_such_table/)
    const db = open()
    expect(userVersion(db)).toBe(LATEST)
    expect(tables(db)).not.toContain('half_done')
  })

  test('migrate() reports where it started and where it ended', () => {
    const sqlite = new BetterSqlite3(':memory:')
    expect(migrate(sqlite, MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 })
    expect(migrate(sqlite, MIGRATIONS)).toEqual({ from: 1, to: LATEST })
    sqlite.close()
  })
})

describe('openDatabase', () => {
  test('sets and reads back WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    dir = tempDir()
    const { sqlite } = open()
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2)
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000)
  })

  test('foreign keys are enforced', () => {
    dir = tempDir()
    const { sqlite } = open()
    expect(() =>
      sqlite
        .prepare("insert into doctors (name, department_id, created_at) values ('x', 999, 'now')")
        .run(),
    ).toThrow(/FOREIGN KEY/)
  })

  test('the bundled SQLite has the WAL-reset fix (or the host would refuse to start)', () => {
    const sqlite = new BetterSqlite3(':memory:')
    const { v } = sqlite.prepare('select sqlite_version() as v').get() as { v: string }
    sqlite.close()
    expect(hasWalResetFix(v)).toBe(true)
  })
})

describe('hasWalResetFix', () => {
  test.each([
    ['3.51.3', true],
    ['3.51.10', true],
    ['3.52.0', true],
    ['4.0.0', true],
    ['3.51.2', false],
    ['3.51.0', false],
    ['3.50.7', true],
    ['3.50.6', false],
    ['3.49.9', false],
    ['3.45.1', false],
    ['3.44.6', true],
    ['3.44.5', false],
    ['3.7.0', false],
    ['2.8.17', false],
  ])('%s → %s', (version, fixed) => {
    expect(hasWalResetFix(version)).toBe(fixed)
  })
})
