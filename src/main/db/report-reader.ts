import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { CompiledQuery } from 'kysely'
import type { Dialect } from './dialect'
import { percentiles } from './report-percentiles'

/**
 * The reader's whole program, a string for the reason db/snapshot-worker.ts gives: it needs only
 * the driver, loaded by the path the host resolved. One read-only connection of its own; each
 * batch runs in one read transaction, so a report's queries all see the database as of one commit.
 */
const PROGRAM = `
const { workerData, parentPort } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 5000 })
for (const p of workerData.pragmas) db.pragma(p)
const statements = new Map()
const prepare = (sql) => {
  let s = statements.get(sql)
  if (!s) {
    s = db.prepare(sql)
    if (!s.reader || !s.readonly) throw new Error('The report reader runs only reads: ' + sql.slice(0, 80))
    statements.set(sql, s)
  }
  return s
}
const percentiles = ${percentiles.toString()}
parentPort.on('message', ({ id, queries }) => {
  try {
    db.exec('BEGIN')
    try {
      const results = queries.map((q) =>
        q.reduce === 'percentiles'
          ? percentiles(prepare(q.sql).raw(true).all(q.parameters))
          : prepare(q.sql).raw(q.reduce === 'arrays').all(q.parameters),
      )
      parentPort.postMessage({ id, results })
    } finally {
      db.exec('COMMIT')
    }
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) })
  }
})
`

const driver = createRequire(import.meta.url).resolve('better-sqlite3')

/**
 * A report reads a large part of the file once, in index order, with lookups all over the table:
 * through SQLite's default 2 MB page cache that is one read() and copy per page touched. Mapped,
 * the pages are the OS's page cache read in place (address space, not heap); a larger cache keeps
 * the indexes' inner pages. The benchmark's raw SQL runs with the same settings.
 */
export const REPORT_PRAGMAS = ['mmap_size = 1073741824', 'cache_size = -32768'] as const

/**
 * A finished SELECT with its parameters, as kysely compiles it. With `reduce: 'percentiles'` its
 * rows are [period, key, ...durations] and come back folded, one per (period, key), as
 * `{ period, key, durations: { n, median, p90 }[] }` (nearest rank): the sorting stays in the
 * worker, and a year's hundreds of thousands of durations never cross to the host's thread.
 * With `reduce: 'arrays'` each row is an array of its columns in select order (no key names
 * cloned per row: an export's million rows cost a third less to copy and to hold).
 */
export type ReportQuery = Pick<CompiledQuery, 'sql' | 'parameters'> & {
  readonly reduce?: 'percentiles' | 'arrays'
}

/**
 * Reads for reports, off the host's connection and off its event loop: a worker thread with a
 * read-only connection of its own. Under WAL a reader holds no lock a writer waits for, and the
 * worker's CPU is not the event loop's, so a booking made while a year's report runs keeps its
 * latency. Started at the first report, stopped by close().
 */
export interface ReportReader {
  /** The engine it reads, for which the queries are compiled (db/dialect.ts compileFor). */
  readonly dialect: Dialect
  /** Runs the queries in one read transaction (one consistent snapshot); their rows, in order. */
  run(queries: readonly ReportQuery[]): Promise<unknown[][]>
  close(): Promise<void>
}

interface Pending {
  resolve(rows: unknown[][]): void
  reject(error: Error): void
}

export function reportReaderOf(file: string): ReportReader {
  let worker: Worker | undefined
  let next = 0
  const pending = new Map<number, Pending>()
  const failAll = (error: Error): void => {
    for (const p of pending.values()) p.reject(error)
    pending.clear()
    worker = undefined
  }
  const start = (): Worker => {
    const w = new Worker(PROGRAM, {
      eval: true,
      workerData: { driver, file, pragmas: REPORT_PRAGMAS },
    })
    w.on('message', (m: { id: number; results?: unknown[][]; error?: string }) => {
      const p = pending.get(m.id)
      if (!p) return
      pending.delete(m.id)
      if (pending.size === 0) w.unref()
      if (m.error !== undefined) p.reject(new Error(`report reader: ${m.error}`))
      else p.resolve(m.results ?? [])
    })
    w.on('error', (error) => failAll(error))
    w.on('exit', (code) => failAll(new Error(`the report reader exited with code ${code}`)))
    return w
  }
  return {
    dialect: 'sqlite',
    run: (queries) =>
      new Promise((resolve, reject) => {
        worker ??= start()
        const id = next++
        pending.set(id, { resolve, reject })
        // Held while a report runs; an idle reader does not keep a process alive that is otherwise done.
        worker.ref()
        worker.postMessage({
          id,
          queries: queries.map((q) => ({
            sql: q.sql,
            parameters: [...q.parameters],
            reduce: q.reduce,
          })),
        })
      }),
    close: async () => {
      const w = worker
      worker = undefined
      if (w) await w.terminate()
    },
  }
}
