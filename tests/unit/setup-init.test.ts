import { afterEach, describe, expect, test } from 'vitest'
import { verifyChain } from '../../src/main/db/audit-chain'
import { ConnectionSession } from '../../src/main/host/connection'
import type { PublishedEvent } from '../../src/main/host/event-bus'
import { forEachEngine } from '../helpers/engines'
import { MONDAY_0810 } from '../helpers/booking-fixture'
import { countRows, refuseInserts, selectRows, snapshotTables } from '../helpers/engine-sql'
import { ADMIN, makeTestHost, manualClock, type TestHost } from '../helpers/test-host'

let host: TestHost | undefined
afterEach(() => host?.dispose())

const INIT = {
  clinicName: '仁心诊所',
  timeZone: 'Asia/Shanghai',
  openingHours: { opens: '08:00', closes: '17:30' },
  admin: { name: '管理员', username: 'boss', secret: 'correct horse' },
  loadDemo: true,
}

forEachEngine(() => {
  describe('setup.init', () => {
    test('setup.init with the demo is one transaction: a failure at its last step leaves the database exactly as it was, and setup runs again', async () => {
      // Monday morning, so the demo's last step (today's bookings) has bands to book into.
      host = await makeTestHost({ clock: manualClock(MONDAY_0810) })
      const events: PublishedEvent[] = []
      host.bus.subscribe((e) => void events.push(e))
      // The settings cache is warm before setup: it must not keep the old name after it.
      expect((await host.must(ADMIN, 'settings.get', {})).settings.clinicName).not.toBe(
        INIT.clinicName,
      )
      // A real failure in the middle of the demo load: the database refuses the first booking, after
      // the departments, rooms, doctors, weekly sessions and patients are already written.
      const refusal = refuseInserts(host, 'appointments', 'the disk said no')
      await refusal.create()
      const before = await snapshotTables(host)
      const local = new ConnectionSession({ kind: 'socket', origin: '127.0.0.1' })

      expect(await host.dispatch(local.caller, 'setup.init', INIT, local)).toEqual({
        ok: false,
        error: { code: 'INTERNAL', message: expect.stringContaining('Nothing was changed') },
      })
      expect(await snapshotTables(host)).toEqual(before)
      expect(events).toEqual([])
      expect(await host.must(local.caller, 'setup.status', {})).toMatchObject({ needed: true })
      expect((await host.must(ADMIN, 'settings.get', {})).settings.clinicName).not.toBe(
        INIT.clinicName,
      )

      await refusal.drop()
      expect(await host.dispatch(local.caller, 'setup.init', INIT, local)).toMatchObject({
        ok: true,
      })
      expect(await host.must(local.caller, 'setup.status', {})).toMatchObject({
        needed: false,
        clinicName: INIT.clinicName,
      })
      expect((await host.must(ADMIN, 'settings.get', {})).settings.clinicName).toBe(INIT.clinicName)
      const directory = await host.must(ADMIN, 'directory.get', {})
      expect(directory.departments.map((d) => d.name)).toEqual(['内科', '外科', '儿科', '口腔科'])
      expect(await countRows(host, 'appointments')).toBeGreaterThan(0)
      // Every step is audited as itself, by the caller that took it, in one unbroken chain.
      const actors = await selectRows(
        host,
        'select actor, action from audit_log group by actor, action order by min(id)',
      )
      expect(actors.slice(0, 3)).toEqual([
        { actor: local.caller.label, action: 'setup.init' },
        { actor: 'setup', action: 'settings.update' },
        { actor: 'demo-loader', action: 'departments.create' },
      ])
      expect(await verifyChain(host.database.read)).toMatchObject({ ok: true })
      // The events went out once, after the one COMMIT, in revision order (one after another from
      // the first: on PostgreSQL a commit's revisions start at its transaction id × 4096).
      expect(events.map((e) => e.event)).toContain('settings.changed')
      const first = events[0]?.rev ?? 0
      expect(events.map((e) => e.rev)).toEqual(events.map((_, i) => first + i))
    })

    test('a LAN socket asking for setup is refused before anything is written', async () => {
      host = await makeTestHost()
      const before = await snapshotTables(host)
      const lan = new ConnectionSession({ kind: 'socket', origin: '10.0.0.9' })
      expect(await host.dispatch(lan.caller, 'setup.init', INIT, lan)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      })
      expect(await snapshotTables(host)).toEqual(before)
    })

    test('setup.init on a clinic already set up is CONFLICT and loads no demo', async () => {
      host = await makeTestHost()
      await host.must(ADMIN, 'staff.create', {
        name: '管理员',
        username: 'first',
        role: 'admin',
        secret: 'first secret',
      })
      const before = await snapshotTables(host)
      expect(await host.call(ADMIN, 'setup.init', INIT)).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      })
      expect(await snapshotTables(host)).toEqual(before)
    })
  })
})
