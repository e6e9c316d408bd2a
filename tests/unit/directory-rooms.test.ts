import { afterEach, describe, expect, test } from 'vitest'
import type { PublishedEvent } from '../../src/main/host/event-bus'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'

let host: TestHost
afterEach(async () => host?.dispose())

forEachEngine(() =>
  describe('rooms.update', () => {
    test('a room is renamed or set inactive: audited with before and after, and every screen is told', async () => {
      host = await makeTestHost()
      const events: PublishedEvent[] = []
      host.bus.subscribe((e) => void events.push(e))
      const room = await host.must(ADMIN, 'rooms.create', { name: '1诊室' })
      const renamed = await host.must(ADMIN, 'rooms.update', {
        id: room.id,
        name: '内科1诊室',
        active: false,
      })
      expect(renamed).toEqual({ id: room.id, name: '内科1诊室', active: false })
      expect((await host.must(RECEPTION, 'directory.get', {})).rooms).toEqual([renamed])
      expect(events.at(-1)).toMatchObject({
        event: 'directory.changed',
        payload: { roomIds: [room.id] },
      })
      const { rows } = await host.must(ADMIN, 'audit.list', { entity: 'room', entityId: room.id })
      expect(rows[0]).toMatchObject({
        action: 'rooms.update',
        before: { name: '1诊室', active: true },
        after: { name: '内科1诊室', active: false },
      })
    })

    test('a clashing name or an unknown room is refused and changes nothing', async () => {
      host = await makeTestHost()
      const one = await host.must(ADMIN, 'rooms.create', { name: '1诊室' })
      await host.must(ADMIN, 'rooms.create', { name: '2诊室' })
      expect(
        await host.call(ADMIN, 'rooms.update', { id: one.id, name: '2诊室', active: true }),
      ).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name' } })
      expect(
        await host.call(ADMIN, 'rooms.update', { id: 999, name: '9诊室', active: true }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id' } })
      expect((await host.must(ADMIN, 'directory.get', {})).rooms.map((r) => r.name)).toEqual([
        '1诊室',
        '2诊室',
      ])
    })
  }),
)
