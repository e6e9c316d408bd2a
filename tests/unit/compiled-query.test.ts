import { afterEach, beforeEach, expect, test } from 'vitest'
import { systemClock } from '../../src/main/db/clock'
import { compiled } from '../../src/main/db/compiled'
import { openDatabase, type OpenedDatabase } from '../../src/main/db/open'
import { Writer } from '../../src/main/db/write'
import { EventBus } from '../../src/main/host/event-bus'
import { ADMIN } from '../helpers/test-host'
import { tempDir } from '../helpers/temp-dir'

let dir: ReturnType<typeof tempDir>
let database: OpenedDatabase
let writer: Writer

beforeEach(() => {
  dir = tempDir()
  database = openDatabase(dir.file('clinic.sqlite'))
  writer = new Writer(database, new EventBus(), systemClock)
})
afterEach(async () => {
  await database.close()
  dir.remove()
})

const insertRoom = compiled<{ name: string }>()((db, $) =>
  db
    .insertInto('rooms')
    .values({ name: $('name') })
    .returning('id'),
)
const roomNamed = compiled<{ name: string }>()((db, $) =>
  db.selectFrom('rooms').select(['id', 'name']).where('name', '=', $('name')),
)
const renameRoom = compiled<{ from: string; to: string }>()((db, $) =>
  db
    .updateTable('rooms')
    .set({ name: $('to') })
    .where('name', '=', $('from')),
)

test('a placeholder used twice, next to constants of the query, binds the same value each time', async () => {
  const query = compiled<{ a: string }>()((db, $) =>
    db
      .selectFrom('rooms')
      .select('id')
      .where('name', 'in', ['x', $('a'), 'y'])
      .where((eb) => eb('name', '=', $('a'))),
  )
  expect(query.sql).toBe('select "id" from "rooms" where "name" in (?, ?, ?) and "name" = ?')
  await writer.run(ADMIN, 'test', async (w) => {
    insertRoom.firstIn(w, { name: 'x' })
    insertRoom.firstIn(w, { name: '诊室 1' })
  })
  expect(await query.all(database.read, { a: '诊室 1' })).toEqual([{ id: 2 }])
  expect(await query.all(database.read, { a: 'x' })).toEqual([{ id: 1 }])
  expect(await query.all(database.read, { a: 'nobody' })).toEqual([])
})

test('inside a unit of work it sees its own rows, reports what it changed, and a failure undoes it', async () => {
  await writer.run(ADMIN, 'test', async (w) => {
    expect(insertRoom.firstIn(w, { name: 'A' })).toEqual({ id: 1 })
    expect(roomNamed.firstIn(w, { name: 'A' })).toEqual({ id: 1, name: 'A' })
    expect(renameRoom.runIn(w, { from: 'A', to: 'B' })).toMatchObject({ changes: 1 })
    expect(renameRoom.runIn(w, { from: 'A', to: 'C' })).toMatchObject({ changes: 0 })
  })
  await expect(
    writer.run(ADMIN, 'test', async (w) => {
      renameRoom.runIn(w, { from: 'B', to: 'D' })
      throw new Error('no')
    }),
  ).rejects.toThrow('no')
  expect(await roomNamed.all(database.read, { name: 'B' })).toEqual([{ id: 1, name: 'B' }])
})

test("run directly, it joins the unit's transaction: it sees the unit's kysely writes, and they roll back together", async () => {
  await expect(
    writer.run(ADMIN, 'test', async (w) => {
      await w.tx.insertInto('rooms').values({ name: 'via kysely' }).execute()
      expect(roomNamed.allIn(w, { name: 'via kysely' })).toEqual([{ id: 1, name: 'via kysely' }])
      insertRoom.firstIn(w, { name: 'direct' })
      expect(await w.tx.selectFrom('rooms').select('name').orderBy('id').execute()).toEqual([
        { name: 'via kysely' },
        { name: 'direct' },
      ])
      throw new Error('undo both')
    }),
  ).rejects.toThrow('undo both')
  expect(database.sqlite.prepare('select count(*) as n from rooms').get()).toEqual({ n: 0 })
})

test("a read on the host's handle waits for an open unit of work and never sees its uncommitted rows", async () => {
  let releaseWrite!: () => void
  const writing = writer.run(ADMIN, 'test', async (w) => {
    insertRoom.firstIn(w, { name: 'pending' })
    // A real wait (a macrotask), as if the unit awaited something outside the database.
    await new Promise<void>((resolve) => (releaseWrite = resolve))
  })
  await new Promise((resolve) => setTimeout(resolve, 10))
  let seen: unknown = 'not yet'
  const reading = roomNamed.all(database.read, { name: 'pending' }).then((rows) => (seen = rows))
  await new Promise((resolve) => setTimeout(resolve, 10))
  expect(seen).toBe('not yet')
  releaseWrite()
  await writing
  await reading
  expect(seen).toEqual([{ id: 1, name: 'pending' }])
})
