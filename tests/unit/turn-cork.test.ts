import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { turnCork } from '../../src/main/host/turn-cork'

let server: Server
let clients: Socket[]

beforeEach(async () => {
  server = createServer((s) => s.resume())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  clients = await Promise.all(
    [0, 1].map(
      () =>
        new Promise<Socket>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket))
        }),
    ),
  )
})
afterEach(async () => {
  for (const client of clients) client.destroy()
  await new Promise((resolve) => server.close(resolve))
})

const turn = () => new Promise((resolve) => setImmediate(resolve))

test('what several commits of one turn push to a socket, and the answer after them, leave together at its end', async () => {
  const cork = turnCork()
  const [a, b] = clients as [Socket, Socket]
  for (const commit of ['1', '2']) {
    for (const socket of [a, b]) {
      cork(socket)
      socket.write(`event ${commit};`)
    }
  }
  await Promise.resolve()
  a.write('answer;') // written in the microtasks after the commit: still held
  expect(a.writableCorked).toBe(1) // corked once however many pushes
  expect(a.writableLength).toBe(23)
  expect(b.writableLength).toBe(16)
  await turn()
  for (const socket of [a, b]) {
    expect(socket.writableCorked).toBe(0)
    expect(socket.writableLength).toBe(0)
  }
  // A later turn corks afresh, and lets go again at its own end.
  cork(a)
  expect(a.writableCorked).toBe(1)
  await turn()
  expect(a.writableCorked).toBe(0)
})
