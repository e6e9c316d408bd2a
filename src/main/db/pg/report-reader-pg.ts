import pg from 'pg'
import type { ReportQuery, ReportReader } from '../report-reader'
import { percentiles } from '../report-percentiles'
import { hearCheckedOutErrors } from './handles-pg'

/**
 * The report reader over PostgreSQL: a small read-only pool of its own. SQLite needs a worker to
 * keep a report's CPU off the event loop; here the server does the work, so the host only waits.
 * Each batch runs in one REPEATABLE READ, READ ONLY transaction: a report's queries all see the
 * database as of one moment, as the SQLite reader's one read transaction does, and the session's
 * default_transaction_read_only makes the server refuse anything else.
 * bigint and numeric (count, sum) come back as numbers, as better-sqlite3 gives them.
 */
export function pgReportReaderOf(url: string, poolSize = 2): ReportReader {
  let ended: Promise<void> | undefined
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: '-c default_transaction_read_only=on',
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format as 'text'),
    },
  })
  // An idle connection cut by the server is dropped by the pool; unheard, it would take the host down.
  pool.on('error', (error) => console.warn(`[pg] a report connection was closed: ${error.message}`))
  hearCheckedOutErrors(pool, '[pg] report:')
  const runOne = async (client: pg.PoolClient, q: ReportQuery): Promise<unknown[]> => {
    const values = [...q.parameters]
    if (q.reduce === 'percentiles') {
      const { rows } = await client.query<unknown[]>({ text: q.sql, values, rowMode: 'array' })
      return percentiles(rows)
    }
    // 'arrays': each row as its columns in select order, as the SQLite worker's raw(true) gives them.
    if (q.reduce === 'arrays')
      return (await client.query<unknown[]>({ text: q.sql, values, rowMode: 'array' })).rows
    return (await client.query({ text: q.sql, values })).rows
  }
  return {
    dialect: 'postgres',
    run: async (queries) => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
        try {
          const results: unknown[][] = []
          for (const q of queries) results.push(await runOne(client, q))
          return results
        } finally {
          await client.query('COMMIT')
        }
      } catch (error) {
        throw new Error(
          `report reader: ${error instanceof Error ? error.message : String(error)}`,
          {
            cause: error,
          },
        )
      } finally {
        client.release()
      }
    },
    // Once: a host closed twice (a test's dispose after a close) must not end the pool again.
    close: () => (ended ??= pool.end()),
  }
}
