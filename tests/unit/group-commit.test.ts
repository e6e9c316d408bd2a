import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { verifyChain } from '../../src/main/db/audit-chain'
import { MAX_GROUP } from '../../src/main/db/group-commit'
import { Writer } from '../../src/main/db/write'
import { type PublishedEvent } from '../../src/main/host/event-bus'
import { AppError } from '../../src/shared/errors'
import { ADMIN } from '../helpers/test-host'
import { departmentUnit, openWriterFixture, type WriterFixture } from '../helpers/writer-fixture'

// Synchronous units that wait for the connection together commit together, each in a savepoint
// (src/main/db/group-commit.ts). These tests hold the connection with an open asynchronous unit,
// queue several units behind it, and check that each is answered, kept or undone as if alone.

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

const names = (db: { prepare(sql: string): { all(): unknown[] } } = database.sqlite): string[] =>
  (db.prepare('select name from departments order by id').all() as { name: string }[]).map(
    (r) => r.name,
  )

const department = departmentUnit

/** Holds the connection with an open asynchronous unit until the returned function is called. */
async function holdConnection(): Promise<() => Promise<void>> {
  let release!: () => void
  const held = writer.run(ADMIN, 'hold', () => new Promise<void>((r) => (release = r)))
  // The asynchronous unit's BEGIN has run once the gate is taken; a tick is enough for that.
  await new Promise((r) => setTimeout(r, 5))
  expect(database.sqlite.inTransaction).toBe(true)
  return async () => {
    release()
    await held
  }
}

/** Each call's answer, kept as a value: a group's callers are answered one by one. */
const settle = (p: Promise<unknown>) =>
  p.then(
    (value) => ({ ok: true, value }),
    (error: Error) => ({ ok: false, error: error.message }),
  )

test('units queued while the connection is busy run in one transaction, and nobody is answered before its COMMIT', async () => {
  const other = new BetterSqlite3(dir.file('clinic.sqlite'), { readonly: true })
  const seenByOther: string[][] = []
  const visibleWhenAnswered: string[][] = []
  const release = await holdConnection()
  const calls = ['内科', '外科', '儿科', '眼科'].map((name) =>
    writer
      .runSync(ADMIN, 'departments.create', (w) => {
        // Inside the group: the earlier units' rows are not committed yet.
        seenByOther.push(names(other))
        return department(name)(w)
      })
      .then((id) => {
        visibleWhenAnswered.push(names(other))
        return id
      }),
  )
  await release()
  expect(await Promise.all(calls)).toEqual([1, 2, 3, 4])
  other.close()
  expect(seenByOther).toEqual([[], [], [], []])
  expect(visibleWhenAnswered).toEqual(Array(4).fill(['内科', '外科', '儿科', '眼科']))
  expect([...writer.groupSizes]).toEqual([[4, 1]])
  expect(published.map((p) => [p.rev, p.payload])).toEqual(
    [1, 2, 3, 4].map((id) => [id, { departmentIds: [id], doctorIds: [], roomIds: [] }]),
  )
  expect(await verifyChain(database.read)).toEqual({ ok: true, checked: 4, firstBrokenId: null })
})

test('a refusal and an error in the middle of a group undo only their own unit and answer only their caller', async () => {
  await writer.runSync(ADMIN, 'departments.create', department('内科'))
  const release = await holdConnection()
  const calls = [
    writer.runSync(ADMIN, 'departments.create', department('外科')),
    writer.runSync(ADMIN, 'departments.create', (w) => {
      department('儿科')(w)
      throw new AppError('CONFLICT', { message: 'refused after writing' })
    }),
    writer.runSync(ADMIN, 'departments.create', department('眼科')),
    // A constraint error half-way through: its first row and audit link go too.
    writer.runSync(ADMIN, 'departments.create', (w) => {
      department('口腔科')(w)
      return department('内科')(w)
    }),
    writer.runSync(ADMIN, 'departments.create', department('皮肤科')),
  ].map(settle)
  await release()
  expect(await Promise.all(calls)).toEqual([
    { ok: true, value: 2 },
    { ok: false, error: 'refused after writing' },
    { ok: true, value: 3 },
    { ok: false, error: expect.stringMatching(/UNIQUE/) },
    { ok: true, value: 4 },
  ])
  expect([...writer.groupSizes]).toEqual([
    [1, 1],
    [5, 1],
  ])
  expect(names()).toEqual(['内科', '外科', '眼科', '皮肤科'])
  // Consecutive ids, each linked to the one before it: as if the failed units had never run.
  const audit = database.sqlite
    .prepare('select id, entity_id, after from audit_log where entity = ? order by id')
    .all('department')
  expect(audit).toEqual(
    ['内科', '外科', '眼科', '皮肤科'].map((name, i) => ({
      id: i + 1,
      entity_id: i + 1,
      after: JSON.stringify({ name }),
    })),
  )
  expect(await verifyChain(database.read)).toEqual({ ok: true, checked: 4, firstBrokenId: null })
  // Events of the committed units only, in unit order, with consecutive revisions.
  expect(
    published.map((p) => [p.rev, (p.payload as { departmentIds: number[] }).departmentIds]),
  ).toEqual([
    [1, [1]],
    [2, [2]],
    [3, [3]],
    [4, [4]],
  ])
})

test('when SQLite ends the whole transaction in the middle of a group, every unit of it fails and none is kept', async () => {
  const release = await holdConnection()
  const calls = [
    writer.runSync(ADMIN, 'departments.create', department('外科')),
    // What SQLite does by itself on some SQLITE_FULL or I/O errors: the transaction is gone.
    writer.runSync(ADMIN, 'departments.create', (w) => {
      department('儿科')(w)
      w.statements.prepare('ROLLBACK').run()
      throw new Error('disk I/O error')
    }),
    writer.runSync(ADMIN, 'departments.create', department('眼科')),
  ].map(settle)
  await release()
  expect(await Promise.all(calls)).toEqual(Array(3).fill({ ok: false, error: 'disk I/O error' }))
  expect(names()).toEqual([])
  expect(published).toEqual([])
  // The connection is usable again, and the next unit commits on its own.
  await expect(writer.runSync(ADMIN, 'departments.create', department('内科'))).resolves.toBe(1)
  expect(published.map((p) => p.rev)).toEqual([1])
})

test('a database that is full: no unit answered ok is missing, no unit refused is present', async () => {
  await writer.runSync(ADMIN, 'departments.create', department('内科'))
  const pages = database.sqlite.pragma('page_count', { simple: true }) as number
  // Room for a few small rows, not for a large one (SQLITE_FULL).
  database.sqlite.pragma(`max_page_count = ${pages + 2}`)
  const release = await holdConnection()
  const names3 = ['外科', 'x'.repeat(200_000), '眼科']
  const calls = names3.map((name) =>
    settle(writer.runSync(ADMIN, 'departments.create', department(name))),
  )
  await release()
  const answers = await Promise.all(calls)
  expect(answers[1]).toEqual({ ok: false, error: expect.stringMatching(/full/) })
  const kept = names().slice(1)
  const answeredOk = names3.filter((_, i) => answers[i]!.ok)
  expect(kept).toEqual(answeredOk)
  expect(published).toHaveLength(1 + answeredOk.length)
  expect(await verifyChain(database.read)).toMatchObject({ ok: true })
})

test('a unit that arrives alone runs at once, in a transaction of its own', async () => {
  // Answered in the very check phase its group was queued for: before an immediate queued after it
  // (a timer here would fire first on a loaded machine: the loop's timers phase comes before).
  let later = false
  const alone = writer.runSync(ADMIN, 'departments.create', department('内科'))
  setImmediate(() => (later = true))
  await alone
  expect(later).toBe(false)
  await writer.runSync(ADMIN, 'departments.create', department('外科'))
  expect([...writer.groupSizes]).toEqual([[1, 2]])
})

test('units that arrive in one turn of the event loop commit together, though the connection was free', async () => {
  // As over WebSocket: each request reaches the writer in the microtasks of its own socket's
  // read, one after another, with nothing holding the connection.
  const first = writer.runSync(ADMIN, 'departments.create', department('内科'))
  await Promise.resolve()
  const second = writer.runSync(ADMIN, 'departments.create', department('外科'))
  expect(await Promise.all([first, second])).toEqual([1, 2])
  expect([...writer.groupSizes]).toEqual([[2, 1]])
  expect(published.map((p) => p.rev)).toEqual([1, 2])
  // One that arrives in a later turn is not made to wait for the group before it.
  await new Promise((r) => setImmediate(r))
  await writer.runSync(ADMIN, 'departments.create', department('儿科'))
  expect([...writer.groupSizes]).toEqual([
    [2, 1],
    [1, 1],
  ])
})

test('a nested synchronous unit still joins the open unit as its savepoint, outside any group', async () => {
  await writer.run(ADMIN, 'setup.init', async (w) => {
    department('内科')(w)
    await writer.runSync(ADMIN, 'departments.create', department('外科'))
    await expect(
      writer.runSync(ADMIN, 'departments.create', (u) => {
        department('儿科')(u)
        throw new Error('inner refusal')
      }),
    ).rejects.toThrow('inner refusal')
  })
  expect(names()).toEqual(['内科', '外科'])
  expect([...writer.groupSizes]).toEqual([])
})

test(`a burst larger than ${MAX_GROUP} units is cut into groups of at most ${MAX_GROUP}, in arrival order`, async () => {
  const release = await holdConnection()
  const count = MAX_GROUP + 6
  const calls = Array.from({ length: count }, (_, i) =>
    writer.runSync(ADMIN, 'departments.create', department(`科${i}`)),
  )
  await release()
  expect(await Promise.all(calls)).toEqual(Array.from({ length: count }, (_, i) => i + 1))
  expect([...writer.groupSizes]).toEqual([
    [MAX_GROUP, 1],
    [6, 1],
  ])
  expect(published.map((p) => p.rev)).toEqual(Array.from({ length: count }, (_, i) => i + 1))
})

test('a COMMIT that fails fails every unit of its group, none answered ok, nothing kept, no event', async () => {
  const release = await holdConnection()
  const calls = [
    writer.runSync(ADMIN, 'departments.create', department('外科')),
    // Its own statements succeed; the foreign key is checked only at COMMIT, which SQLite refuses.
    writer.runSync(ADMIN, 'doctors.create', (w) => {
      w.statements.prepare('PRAGMA defer_foreign_keys = ON').run()
      w.statements
        .prepare('insert into doctors (name, department_id, created_at) values (?, ?, ?)')
        .run('无科室', 999, w.now)
    }),
    writer.runSync(ADMIN, 'departments.create', department('眼科')),
  ].map(settle)
  await release()
  expect(await Promise.all(calls)).toEqual(
    Array(3).fill({ ok: false, error: expect.stringMatching(/FOREIGN KEY/) }),
  )
  expect(names()).toEqual([])
  expect(database.sqlite.prepare('select count(*) as n from doctors').get()).toEqual({ n: 0 })
  expect(published).toEqual([])
  expect(database.sqlite.inTransaction).toBe(false)
  await expect(writer.runSync(ADMIN, 'departments.create', department('内科'))).resolves.toBe(1)
})
