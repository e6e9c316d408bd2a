import { afterEach, beforeEach, expect, test } from 'vitest'
import { commitEvents } from '../helpers/commit-events'
import { ADMIN, DISPLAY, doctorCaller, makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'

let host: TestHost

/** Commits events the booking engine will emit, through the real write helper on the host's own database and bus. */
async function emitSlotsChanged(doctorId: number): Promise<void> {
  await commitEvents(host, (emit) => emit('slots.changed', { doctorId, date: '2026-12-01', slotIds: [doctorId * 10] }))
}

beforeEach(async () => {
  host = await makeTestHost()
  await host.must(ADMIN, 'departments.create', { name: '内科' }) // rev 1: directory.changed
  await emitSlotsChanged(1) // rev 2
  await emitSlotsChanged(2) // rev 3
})
afterEach(() => host.dispose())

test('returns what was missed after a revision, oldest first, filtered by who asks', async () => {
  const all = await host.must(RECEPTION, 'sync.since', { rev: 0 })
  expect(all).toMatchObject({ rev: 3, complete: true })
  expect(all.changes.map((c) => [c.rev, c.event])).toEqual([
    [1, 'directory.changed'],
    [2, 'slots.changed'],
    [3, 'slots.changed'],
  ])

  const doctor1 = await host.must(doctorCaller(1), 'sync.since', { rev: 0 })
  expect(doctor1.changes.map((c) => c.rev)).toEqual([1, 2])
  expect(doctor1.changes[1]?.payload).toEqual({ doctorId: 1, date: '2026-12-01', slotIds: [10] })

  const display = await host.must(DISPLAY, 'sync.since', { rev: 0 })
  expect(display.changes.map((c) => c.event)).toEqual(['directory.changed'])

  const tail = await host.must(RECEPTION, 'sync.since', { rev: 2 })
  expect(tail.changes.map((c) => c.rev)).toEqual([3])
})

test('a client already up to date gets nothing, complete', async () => {
  expect(await host.must(RECEPTION, 'sync.since', { rev: 3 })).toEqual({ rev: 3, complete: true, changes: [] })
})

test('complete=false when the log no longer reaches back that far', async () => {
  host.database.sqlite.prepare('delete from changes where rev <= 2').run()
  expect(await host.must(RECEPTION, 'sync.since', { rev: 0 })).toEqual({ rev: 3, complete: false, changes: [] })
  expect(await host.must(RECEPTION, 'sync.since', { rev: 1 })).toEqual({ rev: 3, complete: false, changes: [] })
  // From rev 2 on, nothing missing was pruned.
  expect((await host.must(RECEPTION, 'sync.since', { rev: 2 })).complete).toBe(true)
})
