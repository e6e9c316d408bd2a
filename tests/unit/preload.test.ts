import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { IpcAdapter } from '../../src/main/ipc/ipc-adapter'
import type { ClinicBridge, ClinicPreload } from '../../src/shared/bridge'
import { FakeIpcMain, FakeWebContents, settle, type FakeIpcRenderer } from '../helpers/fake-ipc'
import { seedStaff, TEST_SECRET, TEST_USERS } from '../helpers/accounts'
import { commitEvents } from '../helpers/commit-events'
import { ADMIN, makeTestHost, type TestHost } from '../helpers/test-host'

/**
 * The real preload, with Electron's contextBridge and ipcRenderer replaced by the in-memory
 * stand-in (Electron is the only thing faked here; the preload, adapter and host are ours and real).
 */
const electron = vi.hoisted(() => ({
  renderer: null as FakeIpcRenderer | null,
  exposed: new Map<string, unknown>(),
}))
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => void electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: (...args: Parameters<FakeIpcRenderer['invoke']>) => electron.renderer!.invoke(...args),
    on: (...args: Parameters<FakeIpcRenderer['on']>) => electron.renderer!.on(...args),
    removeListener: (...args: Parameters<FakeIpcRenderer['removeListener']>) =>
      electron.renderer!.removeListener(...args),
  },
}))

let host: TestHost
let adapter: IpcAdapter
let contents: FakeWebContents

beforeEach(async () => {
  host = await makeTestHost()
  const ipcMain = new FakeIpcMain()
  adapter = new IpcAdapter(ipcMain, host.dispatch, host.bus, (url) =>
    url.startsWith('file:///app/'),
  )
  contents = new FakeWebContents(ipcMain, 'file:///app/admin.html')
  adapter.register(contents, ADMIN)
  electron.renderer = contents.ipcRenderer
  vi.resetModules()
  await import('../../src/preload/index')
  // The window's user signs in through the window itself, as the login screen does.
  await seedStaff(host)
  await clinic().call('auth.login', { username: TEST_USERS.admin, secret: TEST_SECRET })
})
afterEach(async () => {
  adapter.dispose()
  await host.dispose()
})

const clinic = (): ClinicBridge => electron.exposed.get('clinic') as ClinicBridge

test('window.clinic is call, on and onReset, window.clinicPrinter printers and print, window.clinicFiles saveFile, and nothing else is exposed', () => {
  expect([...electron.exposed.keys()].sort()).toEqual(['clinic', 'clinicFiles', 'clinicPrinter'])
  expect(Object.keys(clinic()).sort()).toEqual(['call', 'on', 'onReset'])
  expect(Object.keys(electron.exposed.get('clinicPrinter') as object).sort()).toEqual([
    'print',
    'printers',
  ])
  expect(Object.keys(electron.exposed.get('clinicFiles') as object)).toEqual(['saveFile'])
})

test('when the host skips changes, onReset listeners hear it until unsubscribed', async () => {
  const preload = clinic() as ClinicPreload
  let heard = 0
  const stop = preload.onReset(() => void heard++)
  host.bus.skipTo(host.bus.since(0).head + 5)
  await settle()
  expect(heard).toBe(1)
  stop()
  host.bus.skipTo(host.bus.since(0).head + 10)
  await settle()
  expect(heard).toBe(1)
})

test('call goes through IPC to the host and returns its Result', async () => {
  expect(await clinic().call('departments.create', { name: '内科' })).toMatchObject({
    ok: true,
    value: { name: '内科' },
  })
})

test('on delivers only the named event, with its revision, until unsubscribed', async () => {
  const seen: unknown[] = []
  const off = clinic().on('directory.changed', (m) => void seen.push(m))
  const otherEvent: unknown[] = []
  clinic().on('settings.changed', (m) => void otherEvent.push(m))
  await host.must(ADMIN, 'departments.create', { name: '内科' })
  await settle()
  expect(seen).toEqual([
    { departmentIds: [1], doctorIds: [], roomIds: [], rev: expect.any(Number) },
  ])
  expect(otherEvent).toEqual([])
  off()
  await host.must(ADMIN, 'departments.create', { name: '外科' })
  await settle()
  expect(seen).toHaveLength(1)
  expect(contents.ipcRenderer.listenerCount('clinic:event')).toBe(1)
})

test("a commit's events reach the page in the order committed, whichever was subscribed first; a throwing listener costs no other", async () => {
  const order: [string, number][] = []
  // Subscribed in the opposite order to the commit's: one IPC message per commit must not regroup them by name.
  clinic().on('appointment.created', () => {
    throw new Error('a broken screen component')
  })
  clinic().on('appointment.created', (m) => void order.push(['appointment.created', m.rev]))
  clinic().on('slots.changed', (m) => void order.push(['slots.changed', m.rev]))
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
  await commitEvents(host, (emit) => {
    emit('appointment.created', {
      appointmentId: 9,
      doctorId: 1,
      date: '2026-12-01',
      source: 'PHONE',
    })
    emit('slots.changed', { doctorId: 1, date: '2026-12-01', slotIds: [3] })
    emit('appointment.created', {
      appointmentId: 10,
      doctorId: 1,
      date: '2026-12-01',
      source: 'WALK_IN',
    })
  })
  await settle()
  quiet.mockRestore()
  expect(order.map(([name]) => name)).toEqual([
    'appointment.created',
    'slots.changed',
    'appointment.created',
  ])
  const revs = order.map(([, rev]) => rev)
  expect(revs).toEqual([revs[0], revs[0]! + 1, revs[0]! + 2])
})
