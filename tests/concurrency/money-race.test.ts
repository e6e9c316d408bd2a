import BetterSqlite3 from 'better-sqlite3'
import { afterAll, test } from 'vitest'
import { expectSqliteSound, sqliteSql } from './money-check'
import { cleanUp, DESKS, expectExactly, race } from './money-race-run'

afterAll(cleanUp)

test(`on SQLite: ${DESKS} desks and an admin, each its own process, pay, refund and close shifts at once on one file: the money is exact`, async () => {
  const { host, acks } = await race()
  const db = new BetterSqlite3(host.file, { readonly: true })
  try {
    expectSqliteSound(db)
    await expectExactly(sqliteSql(db), acks, host)
  } finally {
    db.close()
  }
}, 60_000)
