import pg from 'pg'
import { afterAll, describe, test } from 'vitest'
import { pgSkipReason, startPgCluster, type PgCluster } from '../helpers/pg-cluster'
import { useDatabases } from '../helpers/test-host'
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
      // Counts and sums come back as bigint strings (no text column here is only digits).
      const numbers = (row: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [
            k,
            typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v,
          ]),
        )
      try {
        await expectExactly(
          async (text) => (await client.query(text)).rows.map(numbers),
          acks,
          host,
        )
      } finally {
        await client.end()
      }
    }, 90_000)
  },
)
