import pg from 'pg'
import { afterAll, describe, test } from 'vitest'
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster'
import { useDatabases } from '../helpers/test-host'
import { pgSql } from './money-check'
import { cleanUp, DESKS, expectExactly, race } from './money-race-run'

let cluster: PgCluster | undefined
afterAll(async () => {
  await cleanUp()
  useDatabases(undefined)
  cluster?.stop()
})

describe.skipIf(pgSkipReason !== undefined)(
  `on PostgreSQL${pgSkipReason ? ` (skipped: ${pgSkipReason})` : ''}`,
  () => {
    test(`${DESKS + 1} hosts on one database, each its own process, pay, refund and close shifts at once: the money is exact`, async () => {
      const pgCluster = (cluster = await startPgCluster())
      useDatabases(() => pgCluster.database())
      const { host, acks } = await race()
      const client = new pg.Client({ connectionString: host.databaseUrl })
      await client.connect()
      try {
        await expectExactly(pgSql(client), acks, host)
      } finally {
        await client.end()
      }
    }, 90_000)
  },
)
