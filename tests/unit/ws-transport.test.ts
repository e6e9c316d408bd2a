import WebSocket from 'ws'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { startBrowserMode, type BrowserMode } from '../../src/main/host/browser-mode'
import { MAX_FRAME_BYTES, MAX_READ_BYTES } from '../../src/main/host/frame-cap'
import { audienceKey } from '../../src/main/host/push'
import { events } from '../../src/shared/contract'
import type { Caller } from '../../src/shared/roles'
import { commitEvents } from '../helpers/commit-events'
import { connectRpc, type RpcTestClient } from '../helpers/rpc-client'
import { tempDir } from '../helpers/temp-dir'
import { ensureDoctorAccount, seedStaff, TEST_SECRET, TEST_USERS } from '../helpers/accounts'
import { busCaughtUp, countRows } from '../helpers/engine-sql'
import { forEachEngine } from '../helpers/engines'
import { ADMIN, makeTestHost, type TestHost } from '../helpers/test-host'

let host: TestHost
let server: BrowserMode
let renderer: ReturnType<typeof tempDir>
let rpcUrl: string
const clients: RpcTestClient[] = []

forEachEngine((engine) => {
  beforeEach(async () => {
    host = await makeTestHost()
    renderer = tempDir() // the transport needs no built pages
    server = await startBrowserMode({ host, rendererDir: renderer.path, port: 0 })
    rpcUrl = server.url.replace('http://', 'ws://') + '/rpc'
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close()
    await server.close()
    await host.dispose()
    renderer.remove()
  })

  /** Doctors 1…n, created before any socket opens (creating them publishes events too). */
  async function ensureDoctors(n: number): Promise<void> {
    const have = (await host.must(ADMIN, 'directory.get', {})).doctors.length
    if (have >= n) return
    const dept = await host.must(ADMIN, 'departments.create', { name: '测试科' })
    for (let i = have; i < n; i++)
      await host.must(ADMIN, 'doctors.create', { name: `医生${i + 1}`, departmentId: dept.id })
  }

  /** A socket signed in as the test account for a screen ("screen=doctor&doctor=2"); the login reply is dropped from its frames. */
  async function open(query: string, headers?: Record<string, string>): Promise<RpcTestClient> {
    const client = await connectRpc(rpcUrl, headers)
    clients.push(client)
    const wanted = new URLSearchParams(query)
    const screen = wanted.get('screen')
    await seedStaff(host)
    let username: string = screen === 'admin' ? TEST_USERS.admin : TEST_USERS.reception
    if (screen === 'doctor') {
      const doctorId = Number(wanted.get('doctor'))
      await ensureDoctors(doctorId)
      username = await ensureDoctorAccount(host, doctorId)
    }
    const reply = await client.request('login', 'auth.login', {
      username,
      secret: TEST_SECRET,
      ...(screen === 'display' ? { screen: 'display' } : {}),
    })
    expect(reply).toMatchObject({ result: { state: 'signed-in' } })
    client.frames.splice(0)
    return client
  }
  const departments = (): Promise<number> => countRows(host, 'departments')

  describe.skipIf(engine === 'postgres')(
    'requests (JSON-RPC framing over the dispatcher: no engine under it, SQLite only)',
    () => {
      test('a call answers with its result and id', async () => {
        const admin = await open('screen=admin')
        expect(await admin.request(1, 'departments.create', { name: '内科' })).toEqual({
          jsonrpc: '2.0',
          id: 1,
          result: { id: 1, name: '内科', active: true },
        })
        expect(await admin.request('two', 'session.whoami', {})).toMatchObject({
          id: 'two',
          result: { role: 'admin' },
        })
      })

      test('malformed JSON → -32700 Parse error, and the connection stays usable', async () => {
        const admin = await open('screen=admin')
        expect(await admin.sendRaw('{"jsonrpc": "2.0", "id": 1, ')).toMatchObject({
          id: null,
          error: { code: -32700 },
        })
        expect(await admin.request(2, 'session.whoami', {})).toMatchObject({
          result: { role: 'admin' },
        })
      })

      test.each([
        ['a number', '42'],
        ['no jsonrpc member', '{"id": 1, "method": "session.whoami"}'],
        ['a method that is not a string', '{"jsonrpc": "2.0", "id": 1, "method": 7}'],
        ['an object id', '{"jsonrpc": "2.0", "id": {}, "method": "session.whoami"}'],
        [
          'a batch (not supported: one Invalid Request for the whole array)',
          '[{"jsonrpc": "2.0", "id": 1, "method": "session.whoami"}]',
        ],
      ])('not a request (%s) → -32600 Invalid Request', async (_what, text) => {
        const admin = await open('screen=admin')
        expect(await admin.sendRaw(text)).toMatchObject({
          jsonrpc: '2.0',
          id: null,
          error: { code: -32600 },
        })
      })

      test('rpc.ping is answered by the transport, signed in or not, and reaches no service', async () => {
        const guest = await connectRpc(rpcUrl)
        clients.push(guest)
        expect(await guest.request('ping', 'rpc.ping', undefined)).toEqual({
          jsonrpc: '2.0',
          id: 'ping',
          result: true,
        })
        const admin = await open('screen=admin')
        const before = await countRows(host, 'audit_log')
        expect(await admin.request(7, 'rpc.ping', undefined)).toMatchObject({ id: 7, result: true })
        expect(await countRows(host, 'audit_log')).toBe(before)
      })

      test('an unknown method → -32601', async () => {
        const admin = await open('screen=admin')
        expect(await admin.request(1, 'patients.dropAll', {})).toMatchObject({
          error: { code: -32601, data: { code: 'UNKNOWN_METHOD' } },
        })
      })

      test('invalid params → -32602 with our code and the field in data', async () => {
        const admin = await open('screen=admin')
        expect(await admin.request(1, 'departments.create', { name: '' })).toMatchObject({
          error: { code: -32602, data: { code: 'INVALID_INPUT', field: 'name' } },
        })
        expect(await departments()).toBe(0)
      })

      test('params: null → -32602, not "no params": nothing is written and the socket stays who it was', async () => {
        const admin = await open('screen=admin')
        const backups = async () => (await host.must(ADMIN, 'backup.list', {})).files.length
        const audited = () => countRows(host, 'audit_log')
        const [filesBefore, auditBefore] = [await backups(), await audited()]
        for (const [id, method] of [
          [1, 'backup.create'],
          [2, 'auth.openDisplay'],
          [3, 'session.whoami'],
        ] as const) {
          expect(
            await admin.sendRaw(JSON.stringify({ jsonrpc: '2.0', id, method, params: null })),
          ).toMatchObject({ id, error: { code: -32602, data: { code: 'INVALID_INPUT' } } })
        }
        expect([await backups(), await audited()]).toEqual([filesBefore, auditBefore])
        // Left out, params still mean {}: the socket is still the admin, not the display.
        expect(await admin.request(4, 'session.whoami')).toMatchObject({
          result: { role: 'admin' },
        })
      })

      test('an application error → -32000 with our code in data.code', async () => {
        const admin = await open('screen=admin')
        await admin.request(1, 'departments.create', { name: '内科' })
        expect(await admin.request(2, 'departments.create', { name: '内科' })).toMatchObject({
          error: { code: -32000, data: { code: 'CONFLICT', field: 'name' } },
        })
        const desk = await open('screen=reception')
        expect(await desk.request(3, 'departments.create', { name: '外科' })).toMatchObject({
          error: { code: -32000, data: { code: 'FORBIDDEN' } },
        })
      })

      test('a notification (no id) is carried out and answered with nothing', async () => {
        const admin = await open('screen=admin')
        admin.ws.send(
          JSON.stringify({
            jsonrpc: '2.0',
            method: 'departments.create',
            params: { name: '内科' },
          }),
        )
        // Frames on one socket keep their order: once this reply is in, any reply to the notification would be too.
        const after = await admin.request(9, 'directory.get', {})
        expect(after).toMatchObject({ result: { departments: [{ name: '内科' }] } })
        expect(
          admin.frames.filter(
            (f) => (f as { id?: unknown }).id !== 9 && !(f as { method?: string }).method,
          ),
        ).toEqual([])
      })
    },
  )

  describe('events', () => {
    test('go out as notifications only to sockets whose caller may see them', async () => {
      await ensureDoctors(2)
      await seedStaff(host)
      await ensureDoctorAccount(host, 1)
      await ensureDoctorAccount(host, 2)
      await busCaughtUp(host)
      const doctor1 = await open('screen=doctor&doctor=1')
      const doctor2 = await open('screen=doctor&doctor=2')
      const display = await open('screen=display')
      const desk = await open('screen=reception')
      await commitEvents(host, (emit) =>
        emit('slots.changed', { doctorId: 1, date: '2026-12-01', slotIds: [4] }),
      )
      await busCaughtUp(host)
      // A reply on each socket after the publish proves any notification for it has arrived.
      for (const [i, c] of [doctor1, doctor2, display, desk].entries())
        await c.request(100 + i, 'session.whoami', {})
      const notifications = (c: RpcTestClient) =>
        c.frames.filter((f) => (f as { method?: string }).method)
      expect(notifications(doctor1)).toEqual([
        {
          jsonrpc: '2.0',
          method: 'slots.changed',
          params: { doctorId: 1, date: '2026-12-01', slotIds: [4], rev: expect.any(Number) },
        },
      ])
      expect(notifications(desk)).toHaveLength(1)
      expect(notifications(doctor2)).toEqual([])
      expect(notifications(display)).toEqual([])
    })
  })

  describe('one push per commit', () => {
    /** The frames that carried events: one notification, or a batch (array) of them. */
    const pushes = (c: RpcTestClient) =>
      c.frames.filter((f) => Array.isArray(f) || (f as { method?: string }).method)
    const names = (frame: unknown) =>
      (Array.isArray(frame) ? frame : [frame]).map((n: { method: string }) => n.method)

    /** Doctors 1 and 2 on two and one sockets, two desks, a display and an admin, all signed in. */
    async function clinicOfSockets() {
      await ensureDoctors(2)
      await seedStaff(host)
      await ensureDoctorAccount(host, 1)
      await ensureDoctorAccount(host, 2)
      await busCaughtUp(host)
      return {
        doctor1: [await open('screen=doctor&doctor=1'), await open('screen=doctor&doctor=1')],
        doctor2: await open('screen=doctor&doctor=2'),
        desks: [await open('screen=reception'), await open('screen=reception')],
        display: await open('screen=display'),
        admin: await open('screen=admin'),
      }
    }
    const commitThree = () =>
      commitEvents(host, (emit) => {
        emit('slots.changed', { doctorId: 1, date: '2026-12-01', slotIds: [4] })
        emit('appointment.created', {
          appointmentId: 8,
          doctorId: 2,
          date: '2026-12-01',
          source: 'PHONE',
        })
        emit('appointments.changed', { doctorId: 1, date: '2026-12-01', appointmentIds: [3] })
      })
    /** A reply on each socket after the commit proves every push for it has arrived (one socket keeps its order). */
    const drain = (sockets: RpcTestClient[]) =>
      Promise.all(sockets.map((c, i) => c.request(200 + i, 'session.whoami', {})))

    test('a commit with several events is one frame per socket, in commit order, holding only what its caller may see', async () => {
      const s = await clinicOfSockets()
      const all = [...s.doctor1, s.doctor2, ...s.desks, s.display, s.admin]
      await commitThree()
      await busCaughtUp(host)
      await drain(all)

      for (const c of [...s.desks, s.admin]) {
        expect(pushes(c)).toHaveLength(1)
        const [batch] = pushes(c) as { params: { rev: number } }[][]
        expect(names(batch)).toEqual([
          'slots.changed',
          'appointment.created',
          'appointments.changed',
        ])
        const revs = batch!.map((n) => n.params.rev)
        expect(revs).toEqual([revs[0], revs[0]! + 1, revs[0]! + 2])
      }
      // Doctor 1 sees its two events, as a JSON-RPC batch; each of its sockets gets the same frame.
      for (const c of s.doctor1) {
        expect(pushes(c)).toHaveLength(1)
        expect(names(pushes(c)[0])).toEqual(['slots.changed', 'appointments.changed'])
      }
      expect(pushes(s.doctor1[0]!)).toEqual(pushes(s.doctor1[1]!))
      // One event for doctor 2: a plain notification, exactly as before batching.
      expect(pushes(s.doctor2)).toEqual([
        {
          jsonrpc: '2.0',
          method: 'appointment.created',
          params: {
            appointmentId: 8,
            doctorId: 2,
            date: '2026-12-01',
            source: 'PHONE',
            rev: expect.any(Number),
          },
        },
      ])
      expect(pushes(s.display)).toEqual([])
    })

    test('each payload is serialized once per commit and visibility decided once per audience, however many sockets', async () => {
      const s = await clinicOfSockets()
      const all = [...s.doctor1, s.doctor2, ...s.desks, s.display, s.admin]
      const stringify = vi.spyOn(JSON, 'stringify')
      const narrow = vi.spyOn(events['appointments.changed'], 'visibleTo')
      await commitThree()
      await busCaughtUp(host)
      await drain(all)
      const notifications = stringify.mock.calls.filter(([value]) => {
        const v = value as { jsonrpc?: string; method?: string; id?: unknown } | null
        return v?.jsonrpc === '2.0' && typeof v.method === 'string' && !('id' in v)
      })
      const audiences = narrow.mock.calls.map(([caller]) => audienceKey(caller as Caller))
      stringify.mockRestore()
      narrow.mockRestore()
      // Three events, seven sockets that see some of them: three serializations (in the order
      // audiences first needed them).
      expect(notifications.map(([v]) => (v as { method: string }).method).sort()).toEqual([
        'appointment.created',
        'appointments.changed',
        'slots.changed',
      ])
      // appointments.changed goes to admin, reception and doctors (the display is not in its roles):
      // four audiences (admin, reception, doctor 1, doctor 2) for six such sockets.
      expect(audiences.sort()).toEqual(['admin', 'doctor#1', 'doctor#2', 'reception'])
    })
  })

  describe.skipIf(engine === 'postgres')(
    'who may connect (origin, path and frame caps: decided before any database, SQLite only)',
    () => {
      const refusal = (url: string, headers: Record<string, string> = {}): Promise<number> =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(url, { headers })
          ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
          ws.once('open', () => reject(new Error('connection was accepted')))
          ws.once('error', () => undefined)
        })

      test("a browser page from another origin is refused; the host's own origin is accepted", async () => {
        expect(await refusal(`${rpcUrl}?screen=admin`, { Origin: 'http://evil.example' })).toBe(403)
        expect(await refusal(`${rpcUrl}?screen=admin`, { Origin: 'null' })).toBe(403)
        const own = await open('screen=admin', { Origin: server.url })
        expect(await own.request(1, 'session.whoami', {})).toMatchObject({
          result: { role: 'admin' },
        })
      })

      test('another path is refused; a query cannot choose a screen: the socket stays signed out', async () => {
        expect(await refusal(rpcUrl.replace('/rpc', '/other'))).toBe(404)
        const claimer = await connectRpc(`${rpcUrl}?screen=admin`)
        clients.push(claimer)
        expect(await claimer.request(1, 'directory.get', {})).toMatchObject({
          error: { data: { code: 'UNAUTHENTICATED' } },
        })
      })

      test('a frame over the cap is answered under its id; calls already running on that socket are answered too', async () => {
        await seedStaff(host)
        const client = await connectRpc(rpcUrl)
        clients.push(client)
        // auth.login hashes with scrypt off the main thread: still running when the big frame comes.
        const login = client.request(1, 'auth.login', {
          username: TEST_USERS.admin,
          secret: TEST_SECRET,
        })
        const big = client.request(2, 'departments.create', { name: 'x'.repeat(MAX_FRAME_BYTES) })
        expect(await big).toMatchObject({
          id: 2,
          error: {
            code: -32602,
            message: expect.stringContaining(`at most ${MAX_FRAME_BYTES}`),
            data: { code: 'INVALID_INPUT', details: { maxBytes: MAX_FRAME_BYTES } },
          },
        })
        expect(await login).toMatchObject({ id: 1, result: { state: 'signed-in' } })
        const replies = client.frames.map((f) => (f as { id?: unknown }).id)
        expect(replies).toEqual([2, 1])
        expect(await client.request(3, 'session.whoami', {})).toMatchObject({
          result: { role: 'admin' },
        })
        expect(await departments()).toBe(0)
      })

      test('a frame over the cap that is not a request is answered with id null; a notification with nothing', async () => {
        const admin = await open('screen=admin')
        expect(await admin.sendRaw('"' + 'x'.repeat(MAX_FRAME_BYTES) + '"')).toMatchObject({
          id: null,
          error: { code: -32602, data: { code: 'INVALID_INPUT' } },
        })
        admin.ws.send(
          JSON.stringify({
            jsonrpc: '2.0',
            method: 'departments.create',
            params: { name: 'x'.repeat(MAX_FRAME_BYTES) },
          }),
        )
        expect(await admin.request(9, 'session.whoami', {})).toMatchObject({ id: 9 })
        expect(admin.frames).toHaveLength(2)
        expect(await departments()).toBe(0)
      })

      test('a frame over the read limit is not read: only that connection closes, with 1009', async () => {
        const big = await open('screen=admin')
        const other = await open('screen=admin')
        const closed = new Promise<number>((resolve) =>
          big.ws.once('close', (code) => resolve(code)),
        )
        big.ws.send(
          JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'departments.create',
            params: { name: 'x'.repeat(MAX_READ_BYTES) },
          }),
        )
        expect(await closed).toBe(1009)
        expect(await other.request(2, 'session.whoami', {})).toMatchObject({
          result: { role: 'admin' },
        })
        expect(await departments()).toBe(0)
      })
    },
  )
})
