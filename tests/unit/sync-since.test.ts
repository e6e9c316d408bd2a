import { afterEach, beforeEach, expect, test } from 'vitest'
import { createHost } from '../../src/main/host/create-host'
import { CATCH_UP_KEEP, EventBus } from '../../src/main/host/event-bus'
import { commitEvents } from '../helpers/commit-events'
import {
  ADMIN,
  DISPLAY,
  doctorCaller,
  makeTestHost,
  RECEPTION,
  type TestHost,
} from '../helpers/test-host'

let host: TestHost

/** Commits events the booking engine will emit, through the real write helper on the host's own database and bus. */
async function emitSlotsChanged(doctorId: number): Promise<void> {
  await commitEvents(host, (emit) =>
    emit('slots.changed', { doctorId, date: '2026-12-01', slotIds: [doctorId * 10] }),
  )
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
  expect(await host.must(RECEPTION, 'sync.since', { rev: 3 })).toEqual({
    rev: 3,
    complete: true,
    changes: [],
  })
})

test('complete=false for a revision from before this run of the host: the screen re-reads everything', async () => {
  // The same database opened again, as after a restart: its revisions start above every earlier one.
  await host.close()
  const restarted = await createHost({ dataDir: host.dataDir })
  try {
    const fresh = await restarted.dispatch(RECEPTION, 'sync.since', { rev: 3 })
    expect(fresh).toMatchObject({ ok: true, value: { complete: false, changes: [] } })
    const head = (fresh.ok && (fresh.value as { rev: number }).rev) || 0
    expect(head).toBeGreaterThan(3)
    await commitEvents(restarted, (emit) =>
      emit('slots.changed', { doctorId: 1, date: '2026-12-01', slotIds: [10] }),
    )
    const next = await restarted.dispatch(RECEPTION, 'sync.since', { rev: head })
    expect(next).toMatchObject({
      ok: true,
      value: {
        rev: head + 1,
        complete: true,
        changes: [{ rev: head + 1, event: 'slots.changed' }],
      },
    })
  } finally {
    await restarted.close()
  }
})

test('complete=false when the host no longer remembers that far back', async () => {
  const bus = new EventBus(1)
  for (let i = 0; i < CATCH_UP_KEEP + 10; i++)
    bus.publish('settings.changed', { keys: ['clinicName'] })
  const head = CATCH_UP_KEEP + 10
  expect(bus.since(0)).toEqual({ head, complete: false, events: [] })
  expect(bus.since(9)).toEqual({ head, complete: false, events: [] })
  expect(bus.since(10)).toMatchObject({ head, complete: true })
  expect(bus.since(10).events.map((e) => e.rev)).toEqual(
    Array.from({ length: CATCH_UP_KEEP }, (_, i) => 11 + i),
  )
  expect(bus.since(head)).toEqual({ head, complete: true, events: [] })
  // A revision this bus never gave (ahead of it) cannot be answered either.
  expect(bus.since(head + 5)).toEqual({ head, complete: false, events: [] })
  // Publishing on, it keeps answering for the newest CATCH_UP_KEEP.
  for (let i = 0; i < CATCH_UP_KEEP; i++) bus.publish('settings.changed', { keys: ['clinicName'] })
  expect(bus.since(head).events.map((e) => e.rev)).toEqual(
    Array.from({ length: CATCH_UP_KEEP }, (_, i) => head + 1 + i),
  )
  expect(bus.since(head - 1)).toMatchObject({ complete: false })
})
