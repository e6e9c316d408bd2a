import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { TODAY, type Clinic } from '../helpers/booking-fixture'
import { bundleWorker } from './bundle-worker'
import { expectMoneyExact, expectSqliteSound, noAcks, readAck, sqliteSql } from './money-check'
import { moneyClinic } from './money-fixture'
import { killDuringStorm } from './start-worker'

const KILLS = Number(process.env.CRASH_KILLS ?? 12)
let clinic: Clinic | undefined
let bundle: string | undefined
afterAll(async () => {
  await clinic?.host.dispose()
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
})

test(`SIGKILL during a pay/refund/close storm ${KILLS} times: every acknowledged payment, refund and close survives once, nothing half-written, every shift adds up`, async () => {
  const made = await moneyClinic()
  clinic = made
  const { host, clock, appointmentIds } = made
  await host.close()
  const file = (bundle = await bundleWorker('tests/concurrency/money-storm.ts'))
  const acks = noAcks()
  let seed = 29
  let seen = { payments: 0, refunds: 0, shifts: 0, closed: 0 }
  for (let kill = 0; kill < KILLS; kill++) {
    seed = (seed * 48271) % 2147483647
    const args = [
      host.dataDir,
      clock.now().toISOString(),
      TODAY,
      appointmentIds.join(','),
      String(seed),
    ]
    await killDuringStorm(file, args, 50 + (seed % 600), (line) => {
      return readAck(acks, line)
    })
    const db = new BetterSqlite3(host.file, { readonly: true })
    try {
      expectSqliteSound(db)
      seen = await expectMoneyExact(sqliteSql(db), acks)
    } finally {
      db.close()
    }
  }
  console.log(
    `money crash: ${KILLS} kills; ${acks.payments.size} payments, ${acks.refunds.size} refunds and ${acks.closes.size} closes acknowledged and found`,
    seen,
  )
  expect(acks.payments.size).toBeGreaterThan(KILLS)
  expect(acks.refunds.size).toBeGreaterThan(0)
  expect(acks.closes.size).toBeGreaterThan(0)
}, 90_000)
