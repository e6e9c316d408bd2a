import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SOLE_HOST, startPgLeader } from '../../src/main/db/pg/leader'
import { bundleWorker } from '../concurrency/bundle-worker'
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster'
import { startTcpCut } from '../helpers/tcp-cut'

const POLL_MS = 200
// Takeover is a matter of polls; how many milliseconds it takes on an idle machine is printed, not
// asserted: a loaded CI machine can run a 200 ms timer late. A few polls is the bound that means "it moved".
const FEW_POLLS = POLL_MS * 10

/** Waits until `check` holds; returns how long that took. Fails after `ms`. */
async function until(check: () => boolean, ms = 10_000): Promise<number> {
  const start = performance.now()
  while (!check()) {
    if (performance.now() - start > ms) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 5))
  }
  return performance.now() - start
}

test('on SQLite the host is always the leader', async () => {
  expect(SOLE_HOST.isLeader()).toBe(true)
  await SOLE_HOST.close()
  expect(SOLE_HOST.isLeader()).toBe(true)
})

describe.skipIf(pgSkipReason)(
  `advisory-lock leader${pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''}`,
  () => {
    let cluster: PgCluster
    let url: string
    let bundle: string | undefined
    const children: ChildProcess[] = []
    beforeAll(async () => {
      cluster = await startPgCluster()
      url = await cluster.database()
    })
    afterAll(() => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
      if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
      cluster?.stop()
    })

    test('of two hosts exactly one leads; when it closes, the other takes over within a few polls', async () => {
      const first = startPgLeader(url, { pollMs: POLL_MS })
      await first.decided
      const second = startPgLeader(url, { pollMs: POLL_MS })
      await second.decided
      expect([first.isLeader(), second.isLeader()]).toEqual([true, false])
      await first.close()
      expect(first.isLeader()).toBe(false)
      expect(await until(() => second.isLeader())).toBeLessThan(FEW_POLLS)
      await second.close()
    })

    test('a leader cut off from the server steps down; the lock goes to a host that still reaches it', async () => {
      const relay = await startTcpCut(url)
      const cutOff = startPgLeader(relay.url, { pollMs: POLL_MS })
      await cutOff.decided
      const other = startPgLeader(url, { pollMs: POLL_MS })
      await other.decided
      expect([cutOff.isLeader(), other.isLeader()]).toEqual([true, false])
      relay.refuse = true
      relay.cut()
      expect(await until(() => !cutOff.isLeader())).toBeLessThan(FEW_POLLS)
      await until(() => other.isLeader())
      // Back on the network, it stays a follower: the lock is taken.
      relay.refuse = false
      await new Promise((r) => setTimeout(r, POLL_MS * 3))
      expect([cutOff.isLeader(), other.isLeader()]).toEqual([false, true])
      await cutOff.close()
      await other.close()
      await relay.close()
    })

    test('the leader`s process is killed (SIGKILL): a host in another process takes over', async () => {
      const file = (bundle = await bundleWorker('tests/concurrency/leader-worker.ts'))
      const child = spawn(process.execPath, [file, url, String(POLL_MS)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      children.push(child)
      const lines: string[] = []
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          lines.push(line)
          if (line === 'ready') resolve()
        })
        child.on('exit', (code) =>
          reject(new Error(`the worker exited (${code}) before it was ready`)),
        )
      })
      expect(lines).toEqual(['leader', 'ready'])
      const here = startPgLeader(url, { pollMs: POLL_MS })
      await here.decided
      expect(here.isLeader()).toBe(false)
      // Stays a follower while the other process lives.
      await new Promise((r) => setTimeout(r, POLL_MS * 3))
      expect(here.isLeader()).toBe(false)
      const exited = new Promise((r) => child.once('exit', r))
      const killedAt = performance.now()
      child.kill('SIGKILL')
      await exited
      await until(() => here.isLeader())
      const took = performance.now() - killedAt
      console.log(
        `[leader] took over ${took.toFixed(0)} ms after the leader's process was killed (poll ${POLL_MS} ms)`,
      )
      expect(took).toBeLessThan(FEW_POLLS)
      await here.close()
    })
  },
)
