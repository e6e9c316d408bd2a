import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { IpcAdapter } from '../../src/main/ipc/ipc-adapter'
import { IPC_CALL, IPC_EVENT } from '../../src/shared/bridge'
import type { Caller } from '../../src/shared/roles'
import { commitEvents } from '../helpers/commit-events'
import { FakeIpcMain, FakeWebContents, settle, type FakeIpcRenderer } from '../helpers/fake-ipc'
import { ADMIN, DISPLAY, doctorCaller, makeTestHost, RECEPTION, type TestHost } from '../helpers/test-host'

const APP = 'file:///opt/ClinicDesk/resources/app.asar/out/renderer/'
const isTrusted = (url: string): boolean => url.startsWith(APP)

let host: TestHost
let ipcMain: FakeIpcMain
let adapter: IpcAdapter

beforeEach(async () => {
  host = await makeTestHost()
  ipcMain = new FakeIpcMain()
  adapter = new IpcAdapter(ipcMain, host.dispatch, host.bus, isTrusted)
})
afterEach(async () => {
  adapter.dispose()
  await host.dispose()
})

/** A window the main process created for a caller, showing one of our pages. */
function openWindow(caller: Caller, page = 'reception.html'): FakeWebContents {
  const contents = new FakeWebContents(ipcMain, APP + page)
  adapter.register(contents, caller)
  return contents
}
const call = (renderer: FakeIpcRenderer, method: string, params?: unknown) => renderer.invoke(IPC_CALL, method, params)
const departments = (): number => (host.database.sqlite.prepare('select count(*) as n from departments').get() as { n: number }).n

describe('calls', () => {
  test("a window's call reaches the dispatcher as the caller the main process bound to it", async () => {
    const admin = openWindow(ADMIN, 'admin.html')
    const desk = openWindow(RECEPTION)
    const doctor = openWindow(doctorCaller(3), 'doctor.html?doctor=3')
    expect(await call(admin.ipcRenderer, 'session.whoami', {})).toEqual({ ok: true, value: { role: 'admin', label: 'test-admin' } })
    expect(await call(doctor.ipcRenderer, 'session.whoami', {})).toMatchObject({ ok: true, value: { role: 'doctor', doctorId: 3 } })
    expect(await call(desk.ipcRenderer, 'departments.create', { name: '内科' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call(admin.ipcRenderer, 'departments.create', { name: '内科' })).toMatchObject({ ok: true, value: { name: '内科' } })
  })

  test('nothing in the params can claim another identity', async () => {
    const desk = openWindow(RECEPTION)
    const result = await call(desk.ipcRenderer, 'departments.create', { name: '内科', role: 'admin' })
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(departments()).toBe(0)
  })

  test('arguments cross by structured clone: a function cannot be sent, and nothing reaches the host', async () => {
    const admin = openWindow(ADMIN)
    await expect(call(admin.ipcRenderer, 'departments.create', { name: '内科', toString: () => 'x' })).rejects.toThrow(/could not be cloned/)
    expect(departments()).toBe(0)
  })

  test('a class instance arrives as a plain object, so unknown keys are refused like any other', async () => {
    class Sneaky {
      name = '内科'
      extra = 1
      shout(): string {
        return this.name
      }
    }
    const admin = openWindow(ADMIN)
    expect(await call(admin.ipcRenderer, 'departments.create', new Sneaky())).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'extra' },
    })
  })

  test('the reply is plain data that survives the clone back', async () => {
    const admin = openWindow(ADMIN)
    const reply = (await call(admin.ipcRenderer, 'directory.get', {})) as { ok: boolean }
    expect(reply).toEqual({ ok: true, value: { departments: [], doctors: [], rooms: [] } })
  })

  test('a method name that is not a string is UNKNOWN_METHOD', async () => {
    const admin = openWindow(ADMIN)
    expect(await admin.ipcRenderer.invoke(IPC_CALL, { method: 'directory.get' }, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
  })
})

describe('who may call', () => {
  test('a subframe (iframe) of a trusted window is refused, even at a trusted URL', async () => {
    const admin = openWindow(ADMIN)
    const iframe = admin.subframe(APP + 'admin.html')
    expect(await call(iframe, 'departments.create', { name: '内科' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(departments()).toBe(0)
  })

  test('a call with no sender frame is refused', async () => {
    const admin = openWindow(ADMIN)
    expect(await call(admin.detachedRenderer(), 'directory.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  test('a registered window that navigated to an untrusted URL is refused', async () => {
    const admin = openWindow(ADMIN)
    admin.mainFrame.url = 'https://evil.example/phish.html'
    expect(await call(admin.ipcRenderer, 'departments.create', { name: '内科' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    admin.mainFrame.url = 'file:///tmp/downloaded.html'
    expect(await call(admin.ipcRenderer, 'directory.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(departments()).toBe(0)
  })

  test('a webContents the main process never registered is refused, and so is a closed window', async () => {
    const stranger = new FakeWebContents(ipcMain, APP + 'admin.html')
    expect(await call(stranger.ipcRenderer, 'directory.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const admin = new FakeWebContents(ipcMain, APP + 'admin.html')
    const unregister = adapter.register(admin, ADMIN)
    expect(await call(admin.ipcRenderer, 'directory.get', {})).toMatchObject({ ok: true })
    unregister()
    expect(await call(admin.ipcRenderer, 'directory.get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  test('after dispose the channel has no handler', async () => {
    const admin = openWindow(ADMIN)
    adapter.dispose()
    await expect(call(admin.ipcRenderer, 'directory.get', {})).rejects.toThrow(/No handler registered/)
    adapter = new IpcAdapter(ipcMain, host.dispatch, host.bus, isTrusted)
  })
})

describe('events', () => {
  /** Every event message a window's page receives on the event channel. */
  function inbox(contents: FakeWebContents): { event: unknown; message: unknown }[] {
    const got: { event: unknown; message: unknown }[] = []
    contents.ipcRenderer.on(IPC_EVENT, (_e, event, message) => void got.push({ event, message }))
    return got
  }

  test("reach only windows whose caller may see them: a doctor's window gets only its own doctor's events", async () => {
    const doctor1 = inbox(openWindow(doctorCaller(1), 'doctor.html'))
    const doctor2 = inbox(openWindow(doctorCaller(2), 'doctor.html'))
    const desk = inbox(openWindow(RECEPTION))
    const display = inbox(openWindow(DISPLAY, 'display.html'))

    await commitEvents(host, (emit) => {
      emit('slots.changed', { doctorId: 1, date: '2026-12-01', slotIds: [7] })
      emit('appointment.created', { appointmentId: 5, doctorId: 2, date: '2026-12-01', source: 'PHONE' })
    })
    await settle()

    expect(doctor1).toEqual([{ event: 'slots.changed', message: { doctorId: 1, date: '2026-12-01', slotIds: [7], rev: 1 } }])
    expect(doctor2.map((m) => m.event)).toEqual(['appointment.created'])
    expect(desk.map((m) => m.event)).toEqual(['slots.changed', 'appointment.created'])
    expect(display).toEqual([])
  })

  test('an event for everyone reaches every window', async () => {
    const windows = [openWindow(ADMIN), openWindow(RECEPTION), openWindow(doctorCaller(1)), openWindow(DISPLAY)].map(inbox)
    await host.must(ADMIN, 'departments.create', { name: '内科' })
    await settle()
    for (const got of windows) expect(got.map((m) => m.event)).toEqual(['directory.changed'])
  })

  test('a destroyed window is skipped and the others still receive', async () => {
    const gone = openWindow(RECEPTION)
    const goneInbox = inbox(gone)
    const alive = inbox(openWindow(RECEPTION))
    gone.destroy()
    await host.must(ADMIN, 'departments.create', { name: '内科' })
    await settle()
    expect(goneInbox).toEqual([])
    expect(alive.map((m) => m.event)).toEqual(['directory.changed'])
  })
})
