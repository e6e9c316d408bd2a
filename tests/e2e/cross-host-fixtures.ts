import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { RENDERER_DIR } from '../helpers/browser-host'
import { freePort } from '../helpers/pg-cluster'

/** A host in its own OS process (tests/e2e/host-process.ts, bundled), killable and restartable. */
export interface HostProcess {
  /** http://127.0.0.1:<port>, the same across restarts. */
  readonly url: string
  /** SIGKILL: the process dies as in a crash, its sockets and database sessions with it. */
  kill(): Promise<void>
  /** A fresh process on the same database, port and data folder. */
  restart(): Promise<void>
  stop(): Promise<void>
}

/** Starts the bundled host-process.ts on `databaseUrl`, its clock standing at `clockIso`. */
export async function startHostProcess(
  file: string,
  databaseUrl: string,
  clockIso: string,
): Promise<HostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinicdesk-hostb-'))
  const port = await freePort()
  let child: ChildProcess | undefined
  const spawn = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const proc = fork(file, [dataDir, databaseUrl, clockIso, RENDERER_DIR, String(port)], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
      child = proc
      proc.once('message', (m: { type: string; url: string }) => resolve(m.url))
      proc.once('exit', (code) => reject(new Error(`host process exited (${code}) before ready`)))
    })
  const exited = (proc: ChildProcess | undefined): Promise<void> =>
    !proc || proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => proc.once('exit', () => resolve()))
  const url = await spawn()
  return {
    url,
    async kill() {
      const proc = child
      proc?.kill('SIGKILL')
      await exited(proc)
    },
    async restart() {
      await spawn()
    },
    async stop() {
      const proc = child
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        proc.send({ type: 'stop' })
        await exited(proc)
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * One picture of two pages side by side (as they stand on two desks), drawn by a third page of
 * the same browser: each page's screenshot as an image, a caption above it.
 */
export async function sideBySide(
  canvas: Page,
  panes: readonly { readonly page: Page; readonly caption: string }[],
): Promise<void> {
  const shots = await Promise.all(
    panes.map(async ({ page, caption }) => ({
      caption,
      src: `data:image/png;base64,${(await page.screenshot()).toString('base64')}`,
    })),
  )
  await canvas.setContent(
    `<body style="margin:0;display:flex;gap:12px;padding:12px;background:#d9dde3;font:16px sans-serif">
      ${shots
        .map(
          (s) =>
            `<figure style="margin:0"><figcaption style="padding:0 0 6px">${s.caption}</figcaption><img src="${s.src}" style="display:block;box-shadow:0 1px 4px #0004"></figure>`,
        )
        .join('')}
    </body>`,
  )
  await canvas
    .locator('img')
    .evaluateAll((imgs) => Promise.all(imgs.map((i) => (i as HTMLImageElement).decode())))
}
