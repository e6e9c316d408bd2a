import { afterEach, beforeEach, expect, test } from 'vitest'
import { systemClock } from '../../src/main/db/clock'
import { openDatabase, type OpenedDatabase } from '../../src/main/db/open'
import { Writer } from '../../src/main/db/write'
import { EventBus, type PublishedEvent } from '../../src/main/host/event-bus'
import { ADMIN } from '../helpers/test-host'
import { tempDir } from '../helpers/temp-dir'

// A commit's events reach the transports as one batch: what lets them push one frame per commit.
let dir: ReturnType<typeof tempDir>
let database: OpenedDatabase
let bus: EventBus
let writer: Writer
let batches: (readonly PublishedEvent[])[]
let single: PublishedEvent[]

beforeEach(() => {
  dir = tempDir()
  database = openDatabase(dir.file('clinic.sqlite'))
  bus = new EventBus()
  writer = new Writer(database, bus, systemClock)
  batches = []
  single = []
  bus.subscribeBatch((batch) => void batches.push(batch))
  bus.subscribe((e) => void single.push(e))
})
afterEach(async () => {
  await database.close()
  dir.remove()
})

const slots = (slotIds: number[]) => ({ doctorId: 1, date: '2026-12-01', slotIds })

test('a commit with several events is one batch, in the order queued, with consecutive revisions', async () => {
  await writer.runSync(ADMIN, 'test.emit', ({ emit }) => {
    emit('slots.changed', slots([1]))
    emit('settings.changed', { keys: ['clinicName'] })
    emit('slots.changed', slots([2]))
  })
  expect(batches).toHaveLength(1)
  expect(batches[0]!.map((e) => [e.event, e.rev])).toEqual([
    ['slots.changed', 1],
    ['settings.changed', 2],
    ['slots.changed', 3],
  ])
  // Per-event subscribers still hear each one, the same objects.
  expect(single).toEqual(batches[0])
  expect(bus.since(0).events).toEqual(batches[0])
})

test('nested units publish with their outermost commit, as one batch; a unit rolled back publishes nothing', async () => {
  await writer.run(ADMIN, 'outer', async ({ emit }) => {
    emit('slots.changed', slots([1]))
    await writer.run(ADMIN, 'inner', async (w) => void w.emit('slots.changed', slots([2])))
    await writer
      .run(ADMIN, 'inner.fails', async (w) => {
        w.emit('slots.changed', slots([3]))
        throw new Error('rolled back to its savepoint')
      })
      .catch(() => {})
  })
  await expect(
    writer.runSync(ADMIN, 'fails', ({ emit }) => {
      emit('slots.changed', slots([4]))
      throw new Error('no')
    }),
  ).rejects.toThrow('no')
  expect(batches.map((b) => b.map((e) => (e.payload as { slotIds: number[] }).slotIds[0]))).toEqual(
    [[1, 2]],
  )
})

test('a unit that queued nothing calls no batch subscriber; publish() alone is a batch of one', async () => {
  await writer.runSync(ADMIN, 'quiet', () => undefined)
  expect(batches).toEqual([])
  const published = bus.publish('settings.changed', { keys: ['clinicName'] })
  expect(batches).toEqual([[published]])
})
