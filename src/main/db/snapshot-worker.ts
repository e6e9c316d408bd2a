import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * The worker's whole program. It is a string, not a module of the build: a worker file would need
 * its own entry in electron-vite's main build and a path that survives packaging, while this needs
 * only the driver, which it loads by the path the host resolved.
 */
const PROGRAM = `
const { workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.source, { readonly: true, fileMustExist: true, timeout: 5000 })
try {
  db.prepare('VACUUM INTO ?').run(workerData.target)
} finally {
  db.close()
}
`

const driver = createRequire(import.meta.url).resolve('better-sqlite3')

/**
 * Copies one consistent snapshot of the database file `source` to `target` (which must not exist)
 * on a thread and a connection of its own. Its connection is read-only, and under WAL a reader
 * holds no lock a writer waits for: the host's connection, and its event loop, go on serving
 * bookings while the copy runs (the 318 MB benchmark file takes seconds). VACUUM INTO reads in one
 * transaction, so the copy is the database as of one commit, whatever is written meanwhile.
 */
export function copyInWorker(source: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PROGRAM, { eval: true, workerData: { driver, source, target } })
    let failed: unknown
    worker.once('error', (error) => (failed = error))
    worker.once('exit', (code) => {
      if (failed !== undefined) reject(failed)
      else if (code !== 0) reject(new Error(`the snapshot worker exited with code ${code}`))
      else resolve()
    })
  })
}
