import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { holdWrites } from '../../src/main/host/hold-writes'

let server: Server
let client: Socket
let received: Buffer[]

beforeEach(async () => {
  received = []
  server = createServer((s) => s.on('data', (d) => received.push(d)))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  client = connect(port, '127.0.0.1')
  await new Promise((resolve) => client.once('connect', resolve))
})
afterEach(async () => {
  client.destroy()
  await new Promise((resolve) => server.close(resolve))
})

const turn = () => new Promise((resolve) => setImmediate(resolve))

test('frames written while held stay in the socket until the release, then leave together', async () => {
  const release = holdWrites(client)
  client.write('event 1;')
  client.write('event 2;')
  client.write('answer;')
  expect(client.writableCorked).toBe(1)
  expect(client.writableLength).toBe(23) // all three buffered, none written
  release()
  expect(client.writableCorked).toBe(0)
  expect(client.writableLength).toBe(0)
  await expect.poll(() => Buffer.concat(received).toString()).toBe('event 1;event 2;answer;')
})

test('an answer that never comes holds the socket for one turn of the loop only', async () => {
  holdWrites(client)
  client.write('event;')
  expect(client.writableLength).toBe(6)
  await turn()
  expect(client.writableCorked).toBe(0)
  expect(client.writableLength).toBe(0)
})

test('a release after the turn ended (or twice) does not undo anyone else’s hold', async () => {
  const first = holdWrites(client)
  await turn() // released by the turn's end
  const second = holdWrites(client)
  first()
  first()
  expect(client.writableCorked).toBe(1) // the second hold stands
  second()
  expect(client.writableCorked).toBe(0)
})
