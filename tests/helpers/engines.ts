import { afterAll, beforeAll, describe } from 'vitest'
import type { EngineKind } from '../../src/main/db/units'
import { pgSkipReason, startPgCluster, type PgCluster } from './pg-cluster'
import { useDatabases } from './test-host'

/**
 * Runs a suite twice: over SQLite files, and over a throw-away PostgreSQL 15 cluster (one per
 * file, a fresh database per test host: makeTestHost picks it up). Without PostgreSQL's binaries
 * the second half is reported skipped with the reason. The body gets the engine for the few
 * checks that differ (a test that pokes at SQLite itself skips on PostgreSQL, saying why), and on
 * PostgreSQL the file's cluster, for a test that stops the server itself (money-crash).
 */
export function forEachEngine(body: (engine: EngineKind, server: () => PgCluster) => void): void {
  const none = (): PgCluster => {
    throw new Error('no PostgreSQL cluster here (SQLite, or before beforeAll)')
  }
  describe('on SQLite', () => body('sqlite', none))
  describe.skipIf(pgSkipReason !== undefined)(
    `on PostgreSQL${pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''}`,
    () => {
      let cluster: PgCluster | undefined
      beforeAll(async () => {
        cluster = await startPgCluster()
        const pg = cluster
        useDatabases(() => pg.database())
      }, 60_000)
      afterAll(() => {
        useDatabases(undefined)
        cluster?.stop()
      })
      body('postgres', () => cluster ?? none())
    },
  )
}
