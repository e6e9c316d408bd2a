import { afterEach, beforeEach, expect, test } from 'vitest'
import { openDatabase } from '../../src/main/db/open'
import { Writer } from '../../src/main/db/write'
import { type PublishedEvent } from '../../src/main/host/event-bus'
import type { Caller } from '../../src/shared/roles'
import { ADMIN } from '../helpers/test-host'
import { departmentUnit, openWriterFixture, type WriterFixture } from '../helpers/writer-fixture'

// A unit started inside another unit's work (setup.init loading the demo clinic) joins its
// transaction as a savepoint: these tests try to make the two come apart.

const LOADER: Caller = { role: 'admin', label: 'demo-loader' }

let fixture: WriterFixture
let dir: WriterFixture['dir']
let database: WriterFixture['database']
let writer: Writer
let published: PublishedEvent[]

beforeEach(() => {
  fixture = openWriterFixture()
  ;({ dir, database, writer, published } = fixture)
})
afterEach(() => fixture.close())

const rows = (sql: string): unknown[] => database.sqlite.prepare(sql).all()
const names = (): string[] =>
  (rows('select name from departments order by id') as { name: string }[]).map((r) => r.name)

const department = departmentUnit
const asyncDepartment = (name: string) =>
  writer.run(LOADER, 'departments.create', async (w) => department(name)(w))

test('inner units commit with the outer one: nothing is visible or published before its COMMIT', async () => {
  const other = openDatabase(dir.file('clinic.sqlite'))
  await writer.run(ADMIN, 'setup.init', async (w) => {
    department('内科')(w)
    await asyncDepartment('外科')
    await writer.runSync(LOADER, 'departments.create', department('儿科'))
    // Another connection sees none of it yet, and no event has gone out.
    expect(other.sqlite.prepare('select count(*) as n from departments').get()).toEqual({ n: 0 })
    expect(published).toEqual([])
  })
  await other.close()
  expect(names()).toEqual(['内科', '外科', '儿科'])
  // Each inner unit is audited as itself (its caller, its method), in the one chain.
  expect(rows('select actor, action from audit_log order by id')).toEqual([
    { actor: 'test-admin', action: 'setup.init' },
    { actor: 'demo-loader', action: 'departments.create' },
    { actor: 'demo-loader', action: 'departments.create' },
  ])
  expect(published.map((p) => [p.event, p.rev])).toEqual([
    ['directory.changed', 1],
    ['directory.changed', 2],
    ['directory.changed', 3],
  ])
})

test('a throw in the outer work after its inner units commit rolls all of them back, audit and events too', async () => {
  await expect(
    writer.run(ADMIN, 'setup.init', async (w) => {
      department('内科')(w)
      await asyncDepartment('外科')
      await writer.runSync(LOADER, 'departments.create', department('儿科'))
      throw new Error('the demo load failed')
    }),
  ).rejects.toThrow('the demo load failed')
  expect(names()).toEqual([])
  expect(rows('select id from audit_log')).toEqual([])
  expect(published).toEqual([])
  // Nothing is left open: the next unit is a transaction of its own.
  await asyncDepartment('口腔科')
  expect(names()).toEqual(['口腔科'])
  expect(published.map((p) => p.rev)).toEqual([1])
})

test("an inner unit's failure rolls back only its own rows, audit and events; the outer one goes on", async () => {
  await writer.run(ADMIN, 'setup.init', async (w) => {
    department('内科')(w)
    await expect(
      writer.run(LOADER, 'departments.create', async (inner) => {
        department('外科')(inner)
        throw new Error('inner fails')
      }),
    ).rejects.toThrow('inner fails')
    // A constraint failure inside a synchronous inner unit: the same.
    await expect(writer.runSync(LOADER, 'departments.create', department('内科'))).rejects.toThrow(
      /UNIQUE/,
    )
    await asyncDepartment('儿科')
  })
  expect(rows('select id, name from departments order by id')).toEqual([
    { id: 1, name: '内科' },
    { id: 2, name: '儿科' }, // the id 外科 had went back with it
  ])
  expect(rows('select action, entity_id from audit_log order by id')).toEqual([
    { action: 'setup.init', entity_id: 1 },
    { action: 'departments.create', entity_id: 2 },
  ])
  expect(published.map((p) => p.payload)).toEqual([
    { departmentIds: [1], doctorIds: [], roomIds: [] },
    { departmentIds: [2], doctorIds: [], roomIds: [] },
  ])
})

test('units nest more than one deep, and the innermost rolls back to its own savepoint', async () => {
  await writer.run(ADMIN, 'setup.init', async () => {
    await writer.run(LOADER, 'outer', async (w) => {
      department('内科')(w)
      await expect(
        writer.run(LOADER, 'inner', async (inner) => {
          department('外科')(inner)
          throw new Error('innermost fails')
        }),
      ).rejects.toThrow('innermost fails')
      await writer.runSync(LOADER, 'inner', department('儿科'))
    })
  })
  expect(names()).toEqual(['内科', '儿科'])
})

test('two inner units at once in one unit are refused: savepoints nest, they cannot interleave', async () => {
  await expect(
    writer.run(ADMIN, 'setup.init', async () => {
      await Promise.all([asyncDepartment('内科'), asyncDepartment('外科')])
    }),
  ).rejects.toThrow(/one at a time/)
  expect(names()).toEqual([])
})

test('work left behind by a finished unit (a timer it started) does not join it: it gets its own transaction', async () => {
  let later!: Promise<number>
  await writer.run(ADMIN, 'setup.init', async (w) => {
    department('内科')(w)
    later = new Promise((resolve) => setTimeout(resolve, 5)).then(() => asyncDepartment('外科'))
  })
  await later
  expect(names()).toEqual(['内科', '外科'])
  expect(published.map((p) => p.rev)).toEqual([1, 2])
})
