import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, expect, test } from 'vitest'
import { BACKUPS_KEPT } from '../../src/main/services/backup'
import { createHost } from '../../src/main/host/create-host'
import { ADMIN, makeTestHost, manualClock, RECEPTION, type TestHost } from '../helpers/test-host'
import { tempDir } from '../helpers/temp-dir'
import { forEachEngine } from '../helpers/engines'
import { pgDumpCommand, withoutPassword } from '../../src/main/db/pg/open-pg'

let host: TestHost | undefined
afterEach(async () => host?.dispose())

test('a backup is a consistent copy of the whole database next to it, listed newest first and audited', async () => {
  const clock = manualClock('2026-11-28T08:00:00Z')
  host = await makeTestHost({ clock })
  await host.must(ADMIN, 'departments.create', { name: '内科' })
  const first = await host.must(ADMIN, 'backup.create', {})
  expect(first).toMatchObject({
    name: 'clinic-2026-11-28T08-00-00Z.sqlite',
    createdAt: '2026-11-28T08:00:00.000Z',
  })
  expect(first.bytes).toBeGreaterThan(0)
  await host.must(ADMIN, 'departments.create', { name: '外科' })
  const second = await host.must(ADMIN, 'backup.create', {}) // the same second: a name of its own
  expect(second.name).toBe('clinic-2026-11-28T08-00-00Z_2.sqlite')

  const { folder, files } = await host.must(ADMIN, 'backup.list', {})
  expect(folder).toBe(join(host.dataDir, 'backups'))
  expect(files.map((f) => f.name)).toEqual([second.name, first.name])
  const copy = new BetterSqlite3(join(folder!, first.name), { readonly: true })
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(copy.prepare('SELECT name FROM departments').all()).toEqual([{ name: '内科' }])
  copy.close()
  const { rows } = await host.must(ADMIN, 'audit.list', { action: 'backup.create' })
  expect(rows.map((r) => r.after)).toEqual([
    { name: second.name, bytes: second.bytes },
    { name: first.name, bytes: first.bytes },
  ])
  expect(await host.call(RECEPTION, 'backup.create', {})).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  })
})

test(`the folder keeps the newest ${BACKUPS_KEPT}`, async () => {
  const clock = manualClock('2026-11-01T02:00:00Z')
  host = await makeTestHost({ clock })
  for (let day = 0; day < BACKUPS_KEPT + 2; day++) {
    await host.must(ADMIN, 'backup.create', {})
    clock.advance(24 * 60 * 60 * 1000)
  }
  const { files } = await host.must(ADMIN, 'backup.list', {})
  expect(files).toHaveLength(BACKUPS_KEPT)
  expect(files.at(-1)?.name).toBe('clinic-2026-11-03T02-00-00Z.sqlite')
  expect(readdirSync(join(host.dataDir, 'backups'))).toHaveLength(BACKUPS_KEPT)
})

test('the app host backs up at start once a day: a restart within the day makes no second copy', async () => {
  const dir = tempDir()
  const clock = manualClock('2026-11-28T08:00:00Z')
  const first = await createHost({ dataDir: dir.path, clock, dailyBackup: true })
  await first.close()
  expect(readdirSync(join(dir.path, 'backups'))).toEqual(['clinic-2026-11-28T08-00-00Z.sqlite'])
  clock.set('2026-11-28T20:00:00Z')
  await (await createHost({ dataDir: dir.path, clock, dailyBackup: true })).close()
  expect(readdirSync(join(dir.path, 'backups'))).toHaveLength(1)
  clock.set('2026-11-29T08:00:00Z')
  await (await createHost({ dataDir: dir.path, clock, dailyBackup: true })).close()
  expect(readdirSync(join(dir.path, 'backups'))).toHaveLength(2)
  await (await createHost({ dataDir: join(dir.path, 'other'), clock })).close()
  expect(existsSync(join(dir.path, 'other', 'backups'))).toBe(false)
  dir.remove()
})

// Issue 15 part 5: on PostgreSQL the database server keeps the backups; the screen shows the command.
forEachEngine((engine) => {
  test('backup.list says who makes the backups; on PostgreSQL backup.create refuses and writes nothing', async () => {
    host = await makeTestHost()
    const list = await host.must(ADMIN, 'backup.list', {})
    if (engine === 'sqlite') {
      expect(list).toMatchObject({ folder: join(host.dataDir, 'backups'), serverCommand: null })
      return
    }
    expect(list.folder).toBeNull()
    expect(list.files).toEqual([])
    expect(list.serverCommand).toMatch(
      /^pg_dump --format=custom --file=clinic-\$\(date \+%F\)\.dump "postgres:\/\//,
    )
    const made = await host.call(ADMIN, 'backup.create', {})
    expect(made.ok || made.error.code).toBe('CONFLICT')
    expect(made.ok || made.error.message).toContain('pg_dump')
    const { rows } = await host.must(ADMIN, 'audit.list', { action: 'backup.create' })
    expect(rows).toEqual([])
  })
})

test('the command shown never carries the password of CLINIC_DATABASE_URL', () => {
  expect(pgDumpCommand('postgres://clinic:s3cret@db.local:5432/clinic')).toBe(
    'pg_dump --format=custom --file=clinic-$(date +%F).dump "postgres://clinic@db.local:5432/clinic"',
  )
})

test('the address a host prints on start (its storage) drops the password and keeps the rest', () => {
  expect(withoutPassword('postgresql://desk:p%40ss:w@10.0.0.5/clinic?sslmode=require')).toBe(
    'postgresql://desk@10.0.0.5/clinic?sslmode=require',
  )
  expect(withoutPassword('postgres://db.local/clinic')).toBe('postgres://db.local/clinic')
})
