import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { CompiledQuery, type Kysely } from 'kysely'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { systemClock } from '../../src/main/db/clock'
import { compiled } from '../../src/main/db/compiled'
import { SeamError } from '../../src/main/db/connection-gate'
import type { ReadDb } from '../../src/main/db/read'
import type { DB } from '../../src/main/db/schema'
import { Writer, type UnitContext, type WriteContext } from '../../src/main/db/write'
import { createDispatcher } from '../../src/main/host/dispatcher'
import type { PublishedEvent } from '../../src/main/host/event-bus'
import { handlers } from '../../src/main/services'
import type { Handlers } from '../../src/main/services/context'
import { ADMIN, makeTestHost, type TestHost } from '../helpers/test-host'

// The runtime half of the database seam (the type half: db-seam-types.test.ts). The read handle's
// connection refuses what is not a read; code inside a unit of work that asks for the connection
// the unit holds is refused at once instead of waiting for it forever.

let host: TestHost
let read: ReadDb
let writer: Writer
let published: PublishedEvent[]

beforeEach(async () => {
  host = await makeTestHost()
  read = host.database.read
  writer = new Writer(host.database, host.bus, systemClock)
  await host.must(ADMIN, 'departments.create', { name: '内科' })
  published = []
  host.bus.subscribe((e) => void published.push(e))
})
afterEach(() => host.dispose())

const count = (table: string): number =>
  (host.database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
const snapshot = () => ({
  departments: count('departments'),
  audit: count('audit_log'),
  foreignKeys: host.database.sqlite.pragma('foreign_keys', { simple: true }),
  userVersion: host.database.sqlite.pragma('user_version', { simple: true }),
  databases: (host.database.sqlite.pragma('database_list') as unknown[]).length,
})
const departmentNames = compiled<{ min: number }>()((db, $) =>
  db.selectFrom('departments').select('name').where('id', '>=', $('min')),
)

/** How long a call may take before the test calls it hung: far above any answer here. */
const HUNG_MS = 3000
/** The promise's outcome, or 'hung' once HUNG_MS pass: a deadlock fails an expectation, not the run. */
function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown } | 'hung'> {
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise<'hung'>(
    (resolve) => (timer = setTimeout(() => resolve('hung'), HUNG_MS)),
  )
  return Promise.race([
    promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    hung,
  ]).finally(() => clearTimeout(timer))
}

/** The host still reads and writes afterwards: the connection's lock was given back. */
async function hostStillWorks(): Promise<void> {
  expect(host.database.sqlite.inTransaction).toBe(false)
  expect(await settle(read.selectFrom('departments').select('id').execute())).not.toBe('hung')
  const made = await settle(host.call(ADMIN, 'departments.create', { name: '外科' }))
  expect(made).toMatchObject({ value: { ok: true } })
}

describe('the read handle runs reads only', () => {
  test('it has no way to build a write: no insertInto, updateTable, deleteFrom, transaction', () => {
    for (const name of ['insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'transaction']) {
      expect(name in read, name).toBe(false)
    }
  })

  test.each([
    ['a DELETE', 'DELETE FROM departments'],
    [
      'an INSERT … RETURNING (it returns rows)',
      "INSERT INTO departments (name, created_at) VALUES ('x', 'y') RETURNING id",
    ],
    ['a BEGIN (it counts as read-only to SQLite)', 'BEGIN IMMEDIATE'],
    ['an ATTACH (it counts as read-only to SQLite)', "ATTACH ':memory:' AS other"],
    ['a PRAGMA that changes the connection', 'PRAGMA foreign_keys = OFF'],
    ['a PRAGMA that writes the file', 'PRAGMA user_version = 99'],
    ['a DROP', 'DROP TABLE audit_log'],
    [
      'a DELETE behind WITH (it starts like a read)',
      'WITH d AS (SELECT 1) DELETE FROM departments',
    ],
    ['a PRAGMA behind a comment', '/* a read */ PRAGMA foreign_keys = OFF'],
  ])('%s, forced past the types, is refused and changes nothing', async (_what, statement) => {
    const before = snapshot()
    const outcome = await settle(read.executeQuery(CompiledQuery.raw(statement) as never))
    expect(outcome).toMatchObject({ error: expect.any(SeamError) })
    expect((outcome as { error: Error }).error.message).toMatch(/runs only reads/)
    expect(snapshot()).toEqual(before)
    await hostStillWorks()
  })

  test('VACUUM INTO, forced past the types, writes no file: copies are the snapshots capability', async () => {
    const target = join(host.dataDir, 'sneaked.sqlite')
    const outcome = await settle(
      read.executeQuery(CompiledQuery.raw('VACUUM INTO ?', [target]) as never),
    )
    expect(outcome).toMatchObject({ error: expect.any(SeamError) })
    expect(existsSync(target)).toBe(false)
    await host.database.snapshots.copyTo(target)
    expect(existsSync(target)).toBe(true)
  })

  test('a DELETE built after with(…), forced past the types, reaches SQLite and is refused there', async () => {
    const before = snapshot()
    const creator = read.with('d', (db) => db.selectFrom('departments').select('id'))
    const sneaked = (creator as unknown as Kysely<DB>).deleteFrom('departments')
    expect(await settle(sneaked.execute())).toMatchObject({ error: expect.any(SeamError) })
    expect(snapshot()).toEqual(before)
  })

  test('what it is for still runs: builders, with(…), compiled SELECTs', async () => {
    expect(await read.selectFrom('departments').select('name').execute()).toEqual([
      { name: '内科' },
    ])
    const viaWith = await read
      .with('d', (db) => db.selectFrom('departments').select('name'))
      .selectFrom('d')
      .selectAll()
      .execute()
    expect(viaWith).toEqual([{ name: '内科' }])
    expect(await departmentNames.all(read, { min: 0 })).toEqual([{ name: '内科' }])
  })
})

describe('a unit of work that asks for the connection it holds fails at once, and the host goes on', () => {
  const insert = (w: WriteContext) =>
    w.tx.insertInto('departments').values({ name: '儿科', created_at: w.now }).execute()

  test.each<[string, (w: WriteContext) => Promise<unknown>]>([
    ['a builder on the read handle', () => read.selectFrom('departments').select('id').execute()],
    ['a compiled SELECT on the read handle', () => departmentNames.all(read, { min: 0 })],
    // Another unit started inside this one joins it as a SAVEPOINT instead (nested-units.test.ts).
    [
      'a copy of the database',
      () => host.database.snapshots.copyTo(join(host.dataDir, 'x.sqlite')),
    ],
  ])(
    'inside the unit, %s: a SeamError, the unit rolled back, nothing audited or published',
    async (_what, wait) => {
      const before = snapshot()
      const outcome = await settle(
        writer.run(ADMIN, 'departments.create', async (w) => {
          await insert(w)
          w.audit({ entity: 'department', entityId: null })
          w.emit('directory.changed', { departmentIds: [], doctorIds: [], roomIds: [] })
          await wait(w)
        }),
      )
      expect(outcome).toMatchObject({ error: expect.any(SeamError) })
      expect((outcome as { error: Error }).error.message).toMatch(
        /inside the unit of work of departments\.create.*wait for it forever/,
      )
      expect(snapshot()).toEqual(before)
      expect(published).toEqual([])
      await hostStillWorks()
    },
  )

  test('through the dispatcher: a handler that reads ctx.read inside ctx.write answers INTERNAL, not never', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const table: Handlers = {
      ...handlers,
      'departments.create': (input, ctx) =>
        ctx.write(async (w) => {
          await w.tx
            .insertInto('departments')
            .values({ name: input.name, created_at: w.now })
            .execute()
          await ctx.read.selectFrom('departments').select('id').execute()
          throw new Error('unreachable: the read above never answers')
        }),
    }
    const dispatch = createDispatcher(table, {
      read,
      snapshots: host.database.snapshots,
      writer,
      clock: systemClock,
    })
    const before = snapshot()
    const outcome = await settle(dispatch(ADMIN, 'departments.create', { name: '儿科' }))
    expect(outcome).toMatchObject({ value: { ok: false, error: { code: 'INTERNAL' } } })
    expect(logged.mock.calls.flat().join(' ')).toMatch(/SeamError|inside the unit of work/)
    logged.mockRestore()
    expect(snapshot()).toEqual(before)
    await hostStillWorks()
  })

  test('a read from outside while a unit is open still waits for it, then sees what it committed', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const unit = writer.run(ADMIN, 'departments.create', async (w) => {
      await insert(w)
      await held
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    let seen: number | undefined
    const outside = read
      .selectFrom('departments')
      .select('id')
      .execute()
      .then((rows) => (seen = rows.length))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(seen).toBeUndefined()
    release()
    await unit
    await outside
    expect(seen).toBe(2)
  })

  test('what a unit leaves behind (a timer) may read once the unit is over', async () => {
    let later: Promise<unknown> | undefined
    await writer.run(ADMIN, 'departments.create', async (w) => {
      await insert(w)
      later = new Promise((resolve) => setTimeout(resolve, 10)).then(() =>
        read.selectFrom('departments').select('id').orderBy('id').execute(),
      )
    })
    expect(await settle(later!)).toMatchObject({ value: [{ id: 1 }, { id: 2 }] })
  })
})

describe('runSync runs synchronous work only', () => {
  test('async work, forced past the types: refused, rolled back, and its rest cannot write after COMMIT', async () => {
    const before = snapshot()
    let rest: Promise<unknown> | undefined
    const asyncWork = async (w: UnitContext): Promise<void> => {
      w.statements.prepare("INSERT INTO departments (name, created_at) VALUES ('早', 'x')").run()
      await new Promise((resolve) => setTimeout(resolve, 10))
      w.statements.prepare("INSERT INTO departments (name, created_at) VALUES ('晚', 'x')").run()
    }
    const outcome = await settle(
      writer.runSync(ADMIN, 'departments.create', (w) => {
        rest = asyncWork(w)
        return rest as never
      }),
    )
    expect(outcome).toMatchObject({ error: expect.any(SeamError) })
    expect((outcome as { error: Error }).error.message).toMatch(/synchronous work only/)
    // The rest of the async function ran after the unit: its statement was refused, not run bare.
    await expect(rest).rejects.toThrow(/unit of work is over/)
    expect(snapshot()).toEqual(before)
    await hostStillWorks()
  })
})
