import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { IpcAdapter } from '../../src/main/ipc/ipc-adapter'
import { IPC_CALL, IPC_EVENT, IPC_RESET, type IpcEventBatch } from '../../src/shared/bridge'
import type { Caller } from '../../src/shared/roles'
import { commitEvents } from '../helpers/commit-events'
import { FakeIpcMain, FakeWebContents, settle, type FakeIpcRenderer } from '../helpers/fake-ipc'
import { ensureDoctorAccount, seedStaff, TEST_SECRET, TEST_USERS } from '../helpers/accounts'
import {
  ADMIN,
  DISPLAY,
  doctorCaller,
  makeTestHost,
  RECEPTION,
  type TestHost,
} from '../helpers/test-host'

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
const call = (renderer: FakeIpcRenderer, method: string, params?: unknown) =>
  renderer.invoke(IPC_CALL, method, params)

/** The account that fits a window's screen: admin, desk, or the doctor's own (doctors 1…N created as needed). */
async function usernameFor(caller: Caller): Promise<string> {
  await seedStaff(host)
  if (caller.role !== 'doctor')
    return caller.role === 'admin' ? TEST_USERS.admin : TEST_USERS.reception
  const have = (await host.must(ADMIN, 'directory.get', {})).doctors.length
  if (have < (caller.doctorId ?? 1)) {
    const dept = await host.must(ADMIN, 'departments.create', { name: `科室${have}` })
    for (let i = have; i < (caller.doctorId ?? 1); i++)
      await host.must(ADMIN, 'doctors.create', { name: `医生${i + 1}`, departmentId: dept.id })
  }
  return ensureDoctorAccount(host, caller.doctorId ?? 1)
}

/** A window opened as a screen by the main process, then signed in through it by a fitting user. */
async function openSignedIn(caller: Caller, page = 'reception.html'): Promise<FakeWebContents> {
  const contents = openWindow(caller, page)
  const username = await usernameFor(caller)
  expect(
    await call(contents.ipcRenderer, 'auth.login', { username, secret: TEST_SECRET }),
  ).toMatchObject({ ok: true, value: { state: 'signed-in' } })
  return contents
}
const departments = (): number =>
  (host.database.sqlite.prepare('select count(*) as n from departments').get() as { n: number }).n

describe('calls', () => {
  test("a window's call reaches the dispatcher as the caller the main process bound to it", async () => {
    const admin = await openSignedIn(ADMIN, 'admin.html')
    const desk = await openSignedIn(RECEPTION)
    const doctor = await openSignedIn(doctorCaller(3), 'doctor.html?doctor=3')
    expect(await call(admin.ipcRenderer, 'session.whoami', {})).toMatchObject({
      ok: true,
      value: { role: 'admin' },
    })
    expect(await call(doctor.ipcRenderer, 'session.whoami', {})).toMatchObject({
      ok: true,
      value: { role: 'doctor', doctorId: 3 },
    })
    expect(await call(desk.ipcRenderer, 'departments.create', { name: '内科' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await call(admin.ipcRenderer, 'departments.create', { name: '内科' })).toMatchObject({
      ok: true,
      value: { name: '内科' },
    })
  })

  test('nothing in the params can claim another identity', async () => {
    const desk = await openSignedIn(RECEPTION)
    const result = await call(desk.ipcRenderer, 'departments.create', {
      name: '内科',
      role: 'admin',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(departments()).toBe(0)
  })

  test('arguments cross by structured clone: a function cannot be sent, and nothing reaches the host', async () => {
    const admin = await openSignedIn(ADMIN)
    await expect(
      call(admin.ipcRenderer, 'departments.create', { name: '内科', toString: () => 'x' }),
    ).rejects.toThrow(/could not be cloned/)
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
    const admin = await openSignedIn(ADMIN)
    expect(await call(admin.ipcRenderer, 'departments.create', new Sneaky())).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'extra' },
    })
  })

  test('the reply is plain data that survives the clone back', async () => {
    const admin = await openSignedIn(ADMIN)
    const reply = (await call(admin.ipcRenderer, 'directory.get', {})) as { ok: boolean }
    expect(reply).toEqual({ ok: true, value: { departments: [], doctors: [], rooms: [] } })
  })

  test('params: null is INVALID_INPUT as over JSON-RPC; params left out mean {}', async () => {
    const admin = await openSignedIn(ADMIN, 'admin.html')
    for (const method of ['backup.create', 'auth.openDisplay', 'session.whoami'])
      expect(await call(admin.ipcRenderer, method, null)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    expect((await host.must(ADMIN, 'backup.list', {})).files).toEqual([])
    expect(await call(admin.ipcRenderer, 'session.whoami')).toMatchObject({
      ok: true,
      value: { role: 'admin' },
    })
  })

  test('a method name that is not a string is UNKNOWN_METHOD', async () => {
    const admin = await openSignedIn(ADMIN)
    expect(await admin.ipcRenderer.invoke(IPC_CALL, { method: 'directory.get' }, {})).toMatchObject(
      { ok: false, error: { code: 'UNKNOWN_METHOD' } },
    )
  })
})

describe('who may call', () => {
  test('a subframe (iframe) of a trusted window is refused, even at a trusted URL', async () => {
    const admin = await openSignedIn(ADMIN)
    const iframe = admin.subframe(APP + 'admin.html')
    expect(await call(iframe, 'departments.create', { name: '内科' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(departments()).toBe(0)
  })

  test('a call with no sender frame is refused', async () => {
    const admin = await openSignedIn(ADMIN)
    expect(await call(admin.detachedRenderer(), 'directory.get', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  test('a registered window that navigated to an untrusted URL is refused', async () => {
    const admin = await openSignedIn(ADMIN)
    admin.mainFrame.url = 'https://evil.example/phish.html'
    expect(await call(admin.ipcRenderer, 'departments.create', { name: '内科' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    admin.mainFrame.url = 'file:///tmp/downloaded.html'
    expect(await call(admin.ipcRenderer, 'directory.get', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(departments()).toBe(0)
  })

  test('a webContents the main process never registered is refused, and so is a closed window', async () => {
    const stranger = new FakeWebContents(ipcMain, APP + 'admin.html')
    expect(await call(stranger.ipcRenderer, 'directory.get', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const admin = new FakeWebContents(ipcMain, APP + 'admin.html')
    const unregister = adapter.register(admin, ADMIN)
    await call(admin.ipcRenderer, 'auth.login', {
      username: await usernameFor(ADMIN),
      secret: TEST_SECRET,
    })
    expect(await call(admin.ipcRenderer, 'directory.get', {})).toMatchObject({ ok: true })
    unregister()
    expect(await call(admin.ipcRenderer, 'directory.get', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })

  test('after dispose the channel has no handler', async () => {
    const admin = await openSignedIn(ADMIN)
    adapter.dispose()
    await expect(call(admin.ipcRenderer, 'directory.get', {})).rejects.toThrow(
      /No handler registered/,
    )
    adapter = new IpcAdapter(ipcMain, host.dispatch, host.bus, isTrusted)
  })
})

describe('events', () => {
  /** Every message a window's page receives on the event channel: one batch of events per commit. */
  function inbox(contents: FakeWebContents): IpcEventBatch[] {
    const got: IpcEventBatch[] = []
    contents.ipcRenderer.on(IPC_EVENT, (_e, ...args) => {
      expect(args).toHaveLength(1)
      got.push(args[0] as IpcEventBatch)
    })
    return got
  }
  const names = (got: IpcEventBatch[]): string[] => got.flat().map((m) => m.event)

  test("a commit is one message per window, holding only what its caller may see: a doctor's window gets only its own doctor's events", async () => {
    await usernameFor(doctorCaller(2)) // accounts and doctors first: creating them publishes events too
    await usernameFor(doctorCaller(1))
    const doctor1 = inbox(await openSignedIn(doctorCaller(1), 'doctor.html'))
    const doctor2 = inbox(await openSignedIn(doctorCaller(2), 'doctor.html'))
    const desk = inbox(await openSignedIn(RECEPTION))
    const display = inbox(await openSignedIn(DISPLAY, 'display.html'))

    await commitEvents(host, (emit) => {
      emit('slots.changed', { doctorId: 1, date: '2026-12-01', slotIds: [7] })
      emit('appointment.created', {
        appointmentId: 5,
        doctorId: 2,
        date: '2026-12-01',
        source: 'PHONE',
      })
    })
    await settle()

    expect(doctor1).toEqual([
      [
        {
          event: 'slots.changed',
          message: { doctorId: 1, date: '2026-12-01', slotIds: [7], rev: expect.any(Number) },
        },
      ],
    ])
    expect(doctor2.map((batch) => batch.map((m) => m.event))).toEqual([['appointment.created']])
    // Both events in one message, in the order they were committed.
    expect(desk.map((batch) => batch.map((m) => m.event))).toEqual([
      ['slots.changed', 'appointment.created'],
    ])
    const [slots, created] = desk[0]!.map((m) => (m.message as { rev: number }).rev)
    expect(created).toBe(slots! + 1)
    expect(display).toEqual([])
  })

  test('an event for everyone reaches every window', async () => {
    await usernameFor(doctorCaller(1))
    const windows = [
      await openSignedIn(ADMIN),
      await openSignedIn(RECEPTION),
      await openSignedIn(doctorCaller(1)),
      await openSignedIn(DISPLAY),
    ].map(inbox)
    await host.must(ADMIN, 'departments.create', { name: '内科' })
    await settle()
    for (const got of windows) expect(names(got)).toEqual(['directory.changed'])
  })

  test('a destroyed window is skipped and the others still receive', async () => {
    const gone = await openSignedIn(RECEPTION)
    const goneInbox = inbox(gone)
    const alive = inbox(await openSignedIn(RECEPTION))
    gone.destroy()
    await host.must(ADMIN, 'departments.create', { name: '内科' })
    await settle()
    expect(goneInbox).toEqual([])
    expect(names(alive)).toEqual(['directory.changed'])
  })

  test('when the bus skips changes it will never hear, every live window is told to re-read', async () => {
    const resets = (contents: FakeWebContents) => {
      const got: unknown[][] = []
      contents.ipcRenderer.on(IPC_RESET, (_e, ...args) => void got.push(args))
      return got
    }
    const gone = await openSignedIn(RECEPTION)
    const desk = resets(await openSignedIn(RECEPTION))
    const admin = resets(await openSignedIn(ADMIN, 'admin.html'))
    gone.destroy()
    const before = host.bus.since(0).head
    host.bus.skipTo(before + 5)
    await settle()
    expect(desk).toEqual([[]])
    expect(admin).toEqual([[]])
    adapter.dispose()
    host.bus.skipTo(before + 10)
    await settle()
    expect(desk).toHaveLength(1) // a disposed adapter tells nobody
    adapter = new IpcAdapter(ipcMain, host.dispatch, host.bus, isTrusted)
  })
})

describe('sign-in through a window', () => {
  test('a window is signed out until a user logs in through it; the user must fit the screen the main process chose', async () => {
    const adminWindow = openWindow(ADMIN, 'admin.html')
    expect(await call(adminWindow.ipcRenderer, 'directory.get', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    await seedStaff(host)
    expect(
      await call(adminWindow.ipcRenderer, 'auth.login', {
        username: TEST_USERS.reception,
        secret: TEST_SECRET,
      }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_SCREEN' } })
    expect(
      await call(adminWindow.ipcRenderer, 'auth.login', {
        username: TEST_USERS.admin,
        secret: TEST_SECRET,
      }),
    ).toMatchObject({ ok: true, value: { role: 'admin', screen: { role: 'admin' } } })

    await usernameFor(doctorCaller(2))
    const room1 = openWindow(doctorCaller(1), 'doctor.html')
    expect(
      await call(room1.ipcRenderer, 'auth.login', { username: 'doctor2', secret: TEST_SECRET }),
    ).toMatchObject({ ok: false, error: { code: 'WRONG_SCREEN' } })
    const room2 = openWindow(doctorCaller(2), 'doctor.html')
    expect(
      await call(room2.ipcRenderer, 'auth.login', { username: 'doctor2', secret: TEST_SECRET }),
    ).toMatchObject({ ok: true, value: { role: 'doctor', doctorId: 2 } })
    // No resume tokens for windows: IPC does not reconnect.
    expect(await call(room2.ipcRenderer, 'auth.status', {})).toMatchObject({
      ok: true,
      value: { resumeToken: null },
    })
  })

  test('a locked window receives no events until unlocked', async () => {
    const desk = await openSignedIn(RECEPTION)
    const got: unknown[] = []
    desk.ipcRenderer.on(IPC_EVENT, (_e, batch) => {
      for (const { event } of batch as IpcEventBatch) got.push(event)
    })
    await call(desk.ipcRenderer, 'auth.lock', {})
    await host.must(ADMIN, 'departments.create', { name: '锁屏时' })
    await settle()
    expect(got).toEqual([])
    await call(desk.ipcRenderer, 'auth.unlock', { secret: TEST_SECRET })
    await host.must(ADMIN, 'departments.create', { name: '解锁后' })
    await settle()
    expect(got).toEqual(['directory.changed'])
  })
})
