import { systemClock } from '../../src/main/db/clock'
import { openDatabase, type OpenedDatabase } from '../../src/main/db/open'
import { Writer, type UnitContext } from '../../src/main/db/write'
import { EventBus, type PublishedEvent } from '../../src/main/host/event-bus'
import { tempDir } from './temp-dir'

/** A write helper over a fresh database file, with every event it publishes collected. */
export interface WriterFixture {
  readonly dir: ReturnType<typeof tempDir>
  readonly database: OpenedDatabase
  readonly bus: EventBus
  readonly writer: Writer
  readonly published: PublishedEvent[]
  close(): Promise<void>
}

export function openWriterFixture(): WriterFixture {
  const dir = tempDir()
  const database = openDatabase(dir.file('clinic.sqlite'))
  const bus = new EventBus()
  const writer = new Writer(database, bus, systemClock)
  const published: PublishedEvent[] = []
  bus.subscribe((e) => void published.push(e))
  return {
    dir,
    database,
    bus,
    writer,
    published,
    close: async () => {
      await database.close()
      dir.remove()
    },
  }
}

/** A synchronous unit's work, as a booking's: a department row, its audit link and its event. */
export const departmentUnit = (name: string) => (w: UnitContext) => {
  const id = Number(
    w.statements
      .prepare('insert into departments (name, created_at) values (?, ?)')
      .run(name, w.now).lastInsertRowid,
  )
  w.audit({ entity: 'department', entityId: id, after: { name } })
  w.emit('directory.changed', { departmentIds: [id], doctorIds: [], roomIds: [] })
  return id
}
