import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, expect, test } from 'vitest'
import { startBrowserMode } from '../../src/main/host/browser-mode'
import { createHost, type Host } from '../../src/main/host/create-host'
import { key, makeClinic, slotAt, type Clinic } from '../helpers/booking-fixture'
import { connectRpc } from '../helpers/rpc-client'
import { tempDir } from '../helpers/temp-dir'
import { ADMIN, manualClock, RECEPTION } from '../helpers/test-host'

/**
 * Pages the copy must get through, so that it takes a while (~40 MB: a few hundred ms) against a
 * call's few milliseconds. A table of the test's own: the host never reads it.
 */
function addBulk(sqlite: BetterSqlite3.Database, megabytes = 40): void {
  sqlite.exec('CREATE TABLE test_bulk (b BLOB)')
  const insert = sqlite.prepare('INSERT INTO test_bulk VALUES (randomblob(1048576))')
  sqlite.transaction(() => {
    for (let i = 0; i < megabytes; i++) insert.run()
  })()
}

/** Whether a promise has settled by now (after the callbacks already queued have run). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false
  void promise.then(
    () => (done = true),
    () => (done = true),
  )
  await new Promise((resolve) => setImmediate(resolve))
  return done
}

const finished = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.sqlite')) : []

let clinic: Clinic | undefined
const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
  await clinic?.host.dispose()
  clinic = undefined
})

test('the host listens and answers auth.status while its start-up backup is still copying', async () => {
  const dir = tempDir()
  cleanup.push(dir.remove)
  const clock = manualClock('2026-11-28T08:00:00Z')
  const first = await createHost({ dataDir: dir.path, clock })
  addBulk(first.database.sqlite)
  await first.close()

  const host: Host = await createHost({ dataDir: dir.path, clock, dailyBackup: true })
  cleanup.push(() => host.close())
  const renderer = tempDir()
  cleanup.push(renderer.remove)
  const server = await startBrowserMode({ host, rendererDir: renderer.path, port: 0 })
  cleanup.push(() => server.close())
  const rpc = await connectRpc(server.url.replace('http://', 'ws://') + '/rpc')
  cleanup.push(() => rpc.close())
  expect(await rpc.request(1, 'auth.status', {})).toMatchObject({
    result: { setupNeeded: true, state: 'signed-out' },
  })
  // Answered, and the copy is not done: nothing under a backup's name yet, only the .partial.
  expect(await settled(host.startupBackup)).toBe(false)
  const backups = join(dir.path, 'backups')
  expect(finished(backups)).toEqual([])

  await host.startupBackup
  expect(finished(backups)).toEqual(['clinic-2026-11-28T08-00-00Z.sqlite'])
  expect(readdirSync(backups)).toHaveLength(1) // the .partial became the backup
  const copy = new BetterSqlite3(join(backups, finished(backups)[0]!), { readonly: true })
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
  expect(copy.prepare('SELECT count(*) AS n FROM test_bulk').get()).toEqual({ n: 40 })
  copy.close()
})

test('a booking during a backup succeeds at once, and the backup is still a consistent copy', async () => {
  clinic = await makeClinic({ patients: 2 })
  const { host, doctorIds, patientIds } = clinic
  addBulk(host.database.sqlite)
  const slot = await slotAt(host, doctorIds[0]!, '2026-12-02', '09:00')

  const backup = host.must(ADMIN, 'backup.create', {})
  const booked = await host.call(RECEPTION, 'appointments.book', {
    slotId: slot.id,
    patientId: patientIds[0]!,
    idempotencyKey: key(),
  })
  expect(booked).toMatchObject({ ok: true, value: { status: 'CONFIRMED' } })
  // The booking did not wait for the copy (VACUUM INTO on the host's connection made it wait).
  expect(await settled(backup)).toBe(false)

  const file = await backup
  const copy = new BetterSqlite3(join(host.dataDir, 'backups', file.name), { readonly: true })
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
  // One snapshot: whether or not the booking made it in, its slot and its appointment agree.
  const { booked: inCopy } = copy
    .prepare('SELECT booked FROM doctor_schedules WHERE id = ?')
    .get(slot.id) as { booked: number }
  const { n } = copy
    .prepare('SELECT count(*) AS n FROM appointments WHERE slot_id = ?')
    .get(slot.id) as { n: number }
  expect(inCopy).toBe(n)
  copy.close()
})

test('a restart answers first, then fills the days that entered the horizon, a unit per day', async () => {
  const first = await makeClinic({ doctors: 2 })
  const { dataDir } = first.host
  await first.host.close()
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }))
  first.clock.advance(3 * 24 * 60 * 60 * 1000) // three more days in the horizon

  const host = await createHost({ dataDir, clock: first.clock })
  cleanup.push(() => host.close())
  expect(await host.client.call(RECEPTION, 'settings.get', {})).toMatchObject({ ok: true })
  expect(await settled(host.horizon)).toBe(false)
  await host.horizon
  const perDay = host.database.sqlite
    .prepare(
      `SELECT date, count(*) AS n FROM doctor_schedules WHERE date > '2026-12-27' GROUP BY date`,
    )
    .all()
  expect(perDay).toEqual([
    { date: '2026-12-28', n: 16 },
    { date: '2026-12-29', n: 16 },
    { date: '2026-12-30', n: 16 },
  ])
  const { rows } = await host.client.must(ADMIN, 'audit.list', { action: 'schedules.generate' })
  expect(rows.map((r) => r.after)).toEqual(
    ['2026-12-30', '2026-12-29', '2026-12-28'].map((d) => ({ from: d, to: d, created: 16 })),
  )
})
