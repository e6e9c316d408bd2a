import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { bundleWorker } from '../tests/concurrency/bundle-worker'

/**
 * Runs a benchmark body as plain `node` on a Vite bundle of it, so that the peak RSS it reports
 * is the host's own: under scripts/run-ts.mjs, Vite's module runner alone holds ~260 MB.
 */
export async function runBundled(entry: string, args: readonly string[]): Promise<void> {
  const file = await bundleWorker(entry)
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: 'inherit' })
    child.on('exit', (c) => resolve(c ?? 1))
  })
  rmSync(dirname(file), { recursive: true, force: true })
  if (code !== 0) throw new Error(`${entry} exited with code ${code}`)
}
