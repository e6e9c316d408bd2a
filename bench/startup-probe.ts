import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { createServer } from 'node:net'
import WebSocket from 'ws'

export interface Start {
  /** From spawning the host to its first answer over HTTP (GET /). */
  readonly httpMs: number
  /** From spawning the host to its answer to auth.status over the WebSocket. */
  readonly statusMs: number
}

/** Between attempts while the host is not listening yet: often enough, without taking the CPU it needs. */
const POLL_MS = 5

/** A port nobody listens on right now, for the host to take. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

const getOnce = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const req = request(url, (res) => {
      res.resume()
      resolve(true)
    })
    req.on('error', () => resolve(false))
    req.end()
  })

const statusOnce = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const ws = new WebSocket(url)
    ws.on('error', () => resolve(false))
    ws.on('open', () =>
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'auth.status', params: {} })),
    )
    ws.on('message', (data) => {
      const answer = JSON.parse(String(data)) as { id?: number; result?: unknown }
      if (answer.id !== 1) return
      ws.close()
      resolve(answer.result !== undefined)
    })
  })

async function until(attempt: () => Promise<boolean>, t0: number, exited: () => boolean) {
  for (;;) {
    if (await attempt()) return performance.now() - t0
    if (exited()) throw new Error('the host exited before it answered')
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/**
 * Starts the bundled browser-mode host on `dataDir`, times its first answers, then stops it with
 * SIGTERM and waits for it to exit (which waits for a start-up backup still under way).
 */
export async function startOnce(entry: string, dataDir: string): Promise<Start> {
  const port = await freePort()
  const t0 = performance.now()
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, CLINIC_DATA_DIR: dataDir, CLINIC_PORT: String(port), CLINIC_DEMO: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  let exited = false
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true
      resolve()
    }),
  )
  try {
    const httpMs = await until(
      () => getOnce(`http://127.0.0.1:${port}/`),
      t0,
      () => exited,
    )
    const statusMs = await until(
      () => statusOnce(`ws://127.0.0.1:${port}/rpc`),
      t0,
      () => exited,
    )
    return { httpMs, statusMs }
  } finally {
    child.kill('SIGTERM')
    await exit
  }
}
