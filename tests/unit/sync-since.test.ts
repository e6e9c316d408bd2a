import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createHost } from '../../src/main/host/create-host'
import { CATCH_UP_KEEP, EventBus } from '../../src/main/host/event-bus'
import { commitEvents } from '../helpers/commit-events'
import { forEachEngine } from '../helpers/engines'
import {
  ADMIN,
  DISPLAY,
  doctorCaller,
  makeTestHost,
  RECEPTION,
  type TestHost,
} from '../helpers/test-host'

let host: TestHost
/** The revisions the three commits below were given: 1, 2, 3 on SQLite; on PostgreSQL each
 * commit's revisions start at its transaction id × 4096 (db/pg/change-feed.ts), so they rise but
 * do not follow each other. */
let revs: [number, number, number]

/** Commits events the booking engine will emit, through the real write helper on the host's own database and bus. */
async function emitSlotsChanged(doctorId: number): Promise<void> {
  await commitEvents(host, (emit) =>
    emit('slots.changed', { doctorId, date: '2026-12-01', slotIds: [doctorId * 10] }),
  )
}

forEachEngine((engine) => {
  describe('sync.since', () => {
    beforeEach(async () => {
      host = await makeTestHost()
      const seen: number[] = []
      const stop = host.bus.subscribe((e) => void seen.push(e.rev))
      await host.must(ADMIN, 'departments.create', { name: '内科' }) // directory.changed
      await emitSlotsChanged(1)
      await emitSlotsChanged(2)
      stop()
      expect(seen).toHaveLength(3)
      revs = seen as [number, number, number]
      if (engine === 'sqlite') expect(revs).toEqual([1, 2, 3])
    })
    afterEach(() => host.dispose())

    test('returns what was missed after a revision, oldest first, filtered by who asks', async () => {
      const [r1, r2, r3] = revs
      const all = await host.must(RECEPTION, 'sync.since', { rev: r1 - 1 })
      expect(all).toMatchObject({ rev: r3, complete: true })
      expect(all.changes.map((c) => [c.rev, c.event])).toEqual([
        [r1, 'directory.changed'],
        [r2, 'slots.changed'],
        [r3, 'slots.changed'],
      ])

      const doctor1 = await host.must(doctorCaller(1), 'sync.since', { rev: r1 - 1 })
      expect(doctor1.changes.map((c) => c.rev)).toEqual([r1, r2])
      expect(doctor1.changes[1]?.payload).toEqual({
        doctorId: 1,
        date: '2026-12-01',
        slotIds: [10],
      })

      const display = await host.must(DISPLAY, 'sync.since', { rev: r1 - 1 })
      expect(display.changes.map((c) => c.event)).toEqual(['directory.changed'])

      const tail = await host.must(RECEPTION, 'sync.since', { rev: r2 })
      expect(tail.changes.map((c) => c.rev)).toEqual([r3])
    })

    test('a client already up to date gets nothing, complete', async () => {
      expect(await host.must(RECEPTION, 'sync.since', { rev: revs[2] })).toEqual({
        rev: revs[2],
        complete: true,
        changes: [],
      })
    })

    test.runIf(engine === 'sqlite')(
      'complete=false for a revision from before this run of the host: the screen re-reads everything',
      async () => {
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
      },
    )

    test.runIf(engine === 'postgres')(
      'after a restart, or on another host, the shared log answers the same: nothing to re-read',
      async () => {
        // On PostgreSQL revisions come from the shared change feed, not from this run of the host:
        // a host opened on the same database (a restart, or a second desk's host) loads the recent
        // log and answers a screen's revision as the first host would.
        const [r1, , r3] = revs
        const other = await makeTestHost({ databaseUrl: host.databaseUrl })
        try {
          expect(await other.must(RECEPTION, 'sync.since', { rev: r3 })).toEqual({
            rev: r3,
            complete: true,
            changes: [],
          })
          const replay = await other.must(RECEPTION, 'sync.since', { rev: r1 - 1 })
          expect(replay.changes.map((c) => c.rev)).toEqual(revs)
          await commitEvents(other, (emit) =>
            emit('slots.changed', { doctorId: 1, date: '2026-12-01', slotIds: [10] }),
          )
          const next = await other.must(RECEPTION, 'sync.since', { rev: r3 })
          expect(next).toMatchObject({ complete: true, changes: [{ event: 'slots.changed' }] })
          expect(next.changes[0]!.rev).toBeGreaterThan(r3)
        } finally {
          await other.dispose()
        }
      },
    )
  })
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
