import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { openHandles } from '../../src/main/db/handles'
import { withStatementCache } from '../../src/main/db/statement-cache'
import { Writer } from '../../src/main/db/write'
import { EventBus, type PublishedEvent } from '../../src/main/host/event-bus'
import type { Caller } from '../../src/shared/roles'
import { ADMIN, manualClock } from '../helpers/test-host'
import { departmentUnit, openWriterFixture, type WriterFixture } from '../helpers/writer-fixture'

const DESK: Caller = { role: 'reception', label: 'reception@desk-1' }

let fixture: WriterFixture
let dir: WriterFixture['dir']
let database: WriterFixture['database']
let bus: EventBus
let writer: Writer
let published: PublishedEvent[]

beforeEach(() => {
  fixture = openWriterFixture()
  ;({ dir, database, bus, writer, published } = fixture)
})
afterEach(() => fixture.close())

const count = (table: string): number =>
  (database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n
const addDepartment = (name: string) =>
  writer.run(ADMIN, 'departments.create', async ({ tx, now, audit, emit }) => {
    const row = await tx
      .insertInto('departments')
      .values({ name, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    audit({ entity: 'department', entityId: row.id, after: { name } })
    emit('directory.changed', { departmentIds: [row.id], doctorIds: [], roomIds: [] })
    return row.id
  })

describe('BEGIN IMMEDIATE', () => {
  test('the writable handle sends "begin immediate" for a transaction (seen through better-sqlite3\'s verbose hook)', async () => {
    const sent: string[] = []
    const sqlite = new BetterSqlite3(dir.file('seen.sqlite'), {
      verbose: (sql) => void sent.push(String(sql)),
    })
    const handles = openHandles(withStatementCache(sqlite))
    await handles.units.db.transaction().execute(async () => {})
    await handles.destroy()
    sqlite.close()
    expect(sent.map((s) => s.toLowerCase())).toEqual(['begin immediate', 'commit'])
  })

  test('the writer holds the write lock from the start of its work, before it writes anything', async () => {
    const other = new BetterSqlite3(dir.file('clinic.sqlite'), { timeout: 0 })
    let otherCouldBegin: boolean | undefined
    await writer.run(ADMIN, 'probe', async () => {
      try {
        other.exec('begin immediate')
        other.exec('rollback')
        otherCouldBegin = true
      } catch (error) {
        expect((error as { code?: string }).code).toBe('SQLITE_BUSY')
        otherCouldBegin = false
      }
    })
    other.close()
    expect(otherCouldBegin).toBe(false)
  })

  test('while another connection holds the write lock, the writer waits at BEGIN and its work never runs', async () => {
    database.sqlite.pragma('busy_timeout = 50')
    const other = new BetterSqlite3(dir.file('clinic.sqlite'))
    other.exec('begin immediate')
    let workRan = false
    await expect(
      writer.run(ADMIN, 'probe', async () => {
        workRan = true
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' })
    other.exec('rollback')
    other.close()
    expect(workRan).toBe(false)
    expect(published).toEqual([])
  })
})

describe('after commit', () => {
  test('events are published only after COMMIT, with increasing revisions', async () => {
    let seenDuringWork = -1
    await writer.run(ADMIN, 'probe', async ({ emit }) => {
      emit('directory.changed', { departmentIds: [1], doctorIds: [], roomIds: [] })
      emit('settings.changed', { keys: ['clinicName'] })
      seenDuringWork = published.length
    })
    expect(seenDuringWork).toBe(0)
    await addDepartment('内科')
    expect(published.map((p) => p.event)).toEqual([
      'directory.changed',
      'settings.changed',
      'directory.changed',
    ])
    const revs = published.map((p) => p.rev)
    expect(revs).toEqual([...revs].sort((a, b) => a - b))
    expect(new Set(revs).size).toBe(3)
    // The same revisions are what a reconnecting screen catches up with.
    expect(writer.since(0).events.map((e) => e.rev)).toEqual(revs)
  })

  test('a subscriber is told after the data is visible to other connections', async () => {
    const other = new BetterSqlite3(dir.file('clinic.sqlite'), { readonly: true })
    const visibleAtPublish: number[] = []
    bus.subscribe(
      () =>
        void visibleAtPublish.push(
          (other.prepare('select count(*) as n from departments').get() as { n: number }).n,
        ),
    )
    await addDepartment('内科')
    other.close()
    expect(visibleAtPublish).toEqual([1])
  })

  test('the audit row is written in the same transaction, with who and what', async () => {
    const other = new BetterSqlite3(dir.file('clinic.sqlite'), { readonly: true })
    let auditSeenOutside = -1
    await writer.run(DESK, 'departments.create', async ({ tx, now, audit }) => {
      await tx.insertInto('departments').values({ name: '外科', created_at: now }).execute()
      audit({ entity: 'department', entityId: 1, before: null, after: { name: '外科' } })
      auditSeenOutside = (
        other.prepare('select count(*) as n from audit_log').get() as { n: number }
      ).n
    })
    other.close()
    expect(auditSeenOutside).toBe(0)
    expect(
      database.sqlite
        .prepare('select actor, action, entity, entity_id, before, after from audit_log')
        .all(),
    ).toEqual([
      {
        actor: 'reception@desk-1',
        action: 'departments.create',
        entity: 'department',
        entity_id: 1,
        before: 'null',
        after: '{"name":"外科"}',
      },
    ])
  })
})

describe('rollback', () => {
  test('a throw inside the work rolls back data and audit rows, and publishes nothing', async () => {
    await expect(
      writer.run(ADMIN, 'departments.create', async ({ tx, now, audit, emit }) => {
        await tx.insertInto('departments').values({ name: '内科', created_at: now }).execute()
        audit({ entity: 'department', entityId: 1, after: { name: '内科' } })
        emit('directory.changed', { departmentIds: [1], doctorIds: [], roomIds: [] })
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(published).toEqual([])
    expect(writer.since(0)).toEqual({ head: 0, complete: true, events: [] })
    expect([count('departments'), count('audit_log')]).toEqual([0, 0])
  })

  test('a constraint failure rolls back too, and the next write gets the next revision', async () => {
    await addDepartment('内科')
    await expect(addDepartment('内科')).rejects.toThrow(/UNIQUE/)
    await addDepartment('外科')
    expect(published.map((p) => p.rev)).toEqual([1, 2])
    expect([count('departments'), count('audit_log')]).toEqual([2, 2])
  })
})

describe('synchronous units (runSync, the booking path)', () => {
  const insertDepartment = departmentUnit

  test('commits data and audit together, holding the write lock, then publishes', async () => {
    const other = new BetterSqlite3(dir.file('clinic.sqlite'), { timeout: 0 })
    let otherCouldBegin: boolean | undefined
    const id = await writer.runSync(DESK, 'departments.create', (w) => {
      try {
        other.exec('begin immediate')
        other.exec('rollback')
        otherCouldBegin = true
      } catch {
        otherCouldBegin = false
      }
      expect(published).toEqual([])
      return insertDepartment('内科')(w)
    })
    other.close()
    expect(otherCouldBegin).toBe(false)
    expect(id).toBe(1)
    expect([count('departments'), count('audit_log')]).toEqual([1, 1])
    expect(published.map((p) => p.event)).toEqual(['directory.changed'])
  })

  test('a throw rolls back data and audit and publishes nothing; the next unit works', async () => {
    await expect(
      writer.runSync(ADMIN, 'departments.create', (w) => {
        insertDepartment('内科')(w)
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    await expect(
      writer.runSync(ADMIN, 'departments.create', insertDepartment('内科')),
    ).resolves.toBe(1)
    await expect(
      writer.runSync(ADMIN, 'departments.create', insertDepartment('内科')),
    ).rejects.toThrow(/UNIQUE/)
    expect([count('departments'), count('audit_log')]).toEqual([1, 1])
    expect(published.map((p) => p.rev)).toEqual([1])
  })

  test('waits for an asynchronous unit that is still open instead of joining its transaction', async () => {
    let release!: () => void
    const slow = writer.run(ADMIN, 'departments.create', async ({ tx, now }) => {
      await tx.insertInto('departments').values({ name: '慢', created_at: now }).execute()
      await new Promise<void>((resolve) => (release = resolve))
      throw new Error('the slow unit fails')
    })
    await new Promise((resolve) => setTimeout(resolve, 10))
    let ran = false
    const quick = writer.runSync(ADMIN, 'departments.create', (w) => {
      ran = true
      return insertDepartment('快')(w)
    })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(ran).toBe(false)
    release()
    await expect(slow).rejects.toThrow('the slow unit fails')
    await quick
    // The slow unit's row went with its rollback; the quick one's stayed.
    expect(database.sqlite.prepare('select name from departments').all()).toEqual([{ name: '快' }])
  })
})

test("an audit row's time never goes back along ids, even when the clock is set back (the audit browser searches time as an id range)", async () => {
  const clock = manualClock('2026-11-29T08:00:00.000Z')
  const w = new Writer(database, bus, clock)
  const note = (entityId: number) =>
    w.runSync(ADMIN, 'probe', (u) => u.audit({ entity: 'probe', entityId }))
  await note(1)
  clock.set('2026-11-29T07:00:00.000Z') // set back an hour
  await note(2)
  clock.set('2026-11-29T08:30:00.000Z')
  await note(3)
  expect(database.sqlite.prepare('select entity_id, at from audit_log order by id').all()).toEqual([
    { entity_id: 1, at: '2026-11-29T08:00:00.000Z' },
    { entity_id: 2, at: '2026-11-29T08:00:00.000Z' },
    { entity_id: 3, at: '2026-11-29T08:30:00.000Z' },
  ])
})
