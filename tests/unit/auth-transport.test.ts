import WebSocket from 'ws'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { startBrowserMode, type BrowserMode } from '../../src/main/host/browser-mode'
import { MAX_FRAME_BYTES, MAX_READ_BYTES } from '../../src/main/host/frame-cap'
import { seedStaff, TEST_SECRET, TEST_USERS } from '../helpers/accounts'
import { connectRpc, type RpcTestClient } from '../helpers/rpc-client'
import { tempDir } from '../helpers/temp-dir'
import { busCaughtUp } from '../helpers/engine-sql'
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
    await seedStaff(host)
    renderer = tempDir()
    server = await startBrowserMode({ host, rendererDir: renderer.path, port: 0 })
    rpcUrl = server.url.replace('http://', 'ws://') + '/rpc'
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close()
    await server.close()
    await host.dispose()
    renderer.remove()
  })

  async function open(headers?: Record<string, string>): Promise<RpcTestClient> {
    const client = await connectRpc(rpcUrl, headers)
    clients.push(client)
    return client
  }
  const login = (c: RpcTestClient, id: number, username: string, secret = TEST_SECRET) =>
    c.request(id, 'auth.login', { username, secret })
  const notifications = (c: RpcTestClient) =>
    c.frames.filter((f) => (f as { method?: string }).method)

  describe('a socket nobody signed in on', () => {
    test('may only sign in: every other call is refused, and it receives no events', async () => {
      const guest = await open()
      expect(await guest.request(1, 'directory.get', {})).toMatchObject({
        error: { data: { code: 'UNAUTHENTICATED' } },
      })
      expect(await guest.request(2, 'patients.search', { q: '张' })).toMatchObject({
        error: { data: { code: 'UNAUTHENTICATED' } },
      })
      expect(await guest.request(3, 'sync.since', { rev: 0 })).toMatchObject({
        error: { data: { code: 'UNAUTHENTICATED' } },
      })
      await host.must(ADMIN, 'departments.create', { name: '内科' })
      expect(await guest.request(4, 'auth.status', {})).toMatchObject({
        result: { state: 'signed-out', setupNeeded: false },
      })
      expect(notifications(guest)).toEqual([])

      expect(await login(guest, 5, TEST_USERS.reception)).toMatchObject({
        result: { state: 'signed-in', role: 'reception' },
      })
      expect(await guest.request(6, 'directory.get', {})).toMatchObject({
        result: { departments: [{ name: '内科' }] },
      })
      await host.must(ADMIN, 'departments.create', { name: '外科' })
      await guest.request(7, 'auth.status', {})
      expect(notifications(guest)).toMatchObject([{ method: 'directory.changed' }])
    })

    test('the display feed opens without a user only while the clinic allows it', async () => {
      const board = await open()
      expect(await board.request(1, 'auth.openDisplay', {})).toMatchObject({
        result: { role: 'display', user: null },
      })
      expect(await board.request(2, 'display.board', {})).toMatchObject({ result: { rooms: [] } })
      expect(await board.request(3, 'patients.search', { q: '张' })).toMatchObject({
        error: { data: { code: 'FORBIDDEN' } },
      })
      await host.must(ADMIN, 'settings.update', { displayWithoutLogin: false })
      const other = await open()
      expect(await other.request(1, 'auth.openDisplay', {})).toMatchObject({
        error: { data: { code: 'FORBIDDEN' } },
      })
    })

    test('a resume token signs a new socket in; after sign-out it no longer does', async () => {
      const first = await open()
      const reply = await login(first, 1, TEST_USERS.admin)
      const token = (reply.result as { resumeToken: string }).resumeToken
      const second = await open()
      expect(await second.request(1, 'auth.resume', { token })).toMatchObject({
        result: { state: 'signed-in', role: 'admin' },
      })
      expect(await second.request(2, 'auth.logout', { resumeToken: token })).toMatchObject({
        result: { state: 'signed-out' },
      })
      const third = await open()
      expect(await third.request(1, 'auth.resume', { token })).toMatchObject({
        error: { data: { code: 'UNAUTHENTICATED' } },
      })
    })

    test('an account that is deactivated is signed out of its open sockets at once', async () => {
      const desk = await open()
      await login(desk, 1, TEST_USERS.reception)
      const account = (await host.must(ADMIN, 'staff.list', {})).find(
        (s) => s.username === TEST_USERS.reception,
      )
      await host.must(ADMIN, 'staff.update', { id: account?.id ?? 0, active: false })
      // "At once": on SQLite with the answer; on PostgreSQL once the change feed brings the commit.
      await busCaughtUp(host)
      expect(await desk.request(2, 'directory.get', {})).toMatchObject({
        error: { data: { code: 'UNAUTHENTICATED' } },
      })
    })
  })

  describe('the door itself', () => {
    const transportOnly = test.skipIf(engine === 'postgres')
    const refusal = (headers: Record<string, string>): Promise<number> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(rpcUrl, { headers })
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        ws.once('open', () => reject(new Error('connection was accepted')))
        ws.once('error', () => undefined)
      })

    transportOnly(
      'a page from another origin cannot even connect (before any database: SQLite only)',
      async () => {
        expect(await refusal({ Origin: 'http://evil.example' })).toBe(403)
        expect(await refusal({ Origin: 'null' })).toBe(403)
      },
    )

    transportOnly(
      'a frame over the read limit closes only that connection, signed in or not (before any database: SQLite only)',
      async () => {
        const big = await open()
        const other = await open()
        await login(other, 1, TEST_USERS.admin)
        const closed = new Promise<number>((resolve) =>
          big.ws.once('close', (code) => resolve(code)),
        )
        big.ws.send(
          JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'auth.login',
            params: { username: 'x', secret: 'y'.repeat(MAX_READ_BYTES) },
          }),
        )
        expect(await closed).toBe(1009)
        expect(await other.request(2, 'directory.get', {})).toMatchObject({
          result: { departments: [] },
        })
      },
    )

    transportOnly(
      'a frame over the cap is answered before sign-in too, and the socket stays open (before any database: SQLite only)',
      async () => {
        const guest = await open()
        expect(
          await guest.request(1, 'auth.login', {
            username: 'x',
            secret: 'y'.repeat(MAX_FRAME_BYTES),
          }),
        ).toMatchObject({ id: 1, error: { code: -32602, data: { code: 'INVALID_INPUT' } } })
        expect(await login(guest, 2, TEST_USERS.admin)).toMatchObject({
          result: { state: 'signed-in' },
        })
      },
    )

    test('failed sign-in attempts are delayed per computer, whichever account they try', async () => {
      const guesser = await open()
      const codes: string[] = []
      for (let i = 0; i < 11; i++) {
        const reply = await guesser.request(i, 'auth.login', {
          username: `nobody${i}`,
          secret: 'guess-guess',
        })
        codes.push(String((reply.error?.data as { code?: string } | undefined)?.code))
      }
      // The 10th wrong attempt starts the delay (and says so); the 11th is refused unchecked.
      expect(codes.slice(0, 9).every((c) => c === 'BAD_CREDENTIALS')).toBe(true)
      expect(codes.slice(9)).toEqual(['RATE_LIMITED', 'RATE_LIMITED'])
      // Another socket from the same address is limited too: the limit is per computer, not per socket.
      const again = await open()
      expect(await login(again, 1, TEST_USERS.admin)).toMatchObject({
        error: { data: { code: 'RATE_LIMITED' } },
      })
    })
  })
})
