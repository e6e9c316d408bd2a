import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { expect } from 'vitest'
import { TODAY } from '../helpers/booking-fixture'
import { ADMIN, type TestHost } from '../helpers/test-host'
import { bundleWorker } from './bundle-worker'
import { expectMoneyExact, noAcks, readAck, type MoneyAcks, type Sql } from './money-check'
import { EXPECTED_CODES } from './money-desk'
import { moneyClinic } from './money-fixture'
import { startWorker } from './start-worker'

// The money race of money-race.test.ts (SQLite) and money-race-pg.test.ts (PostgreSQL).
export const DESKS = Number(process.env.RACE_WORKERS ?? 5)
const OPERATIONS = 40
const hosts: TestHost[] = []
let bundle: string | undefined

/** For the test file's afterAll: the hosts and the bundled worker go. */
export async function cleanUp(): Promise<void> {
  for (const host of hosts.splice(0)) await host.dispose()
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
  bundle = undefined
}

/**
 * DESKS reception desks and an admin closing their shifts, each its own OS process and host on
 * the clinic's database, make their moves at once; what they were told, and every outcome code.
 */
export async function race(): Promise<{ host: TestHost; acks: MoneyAcks }> {
  const { host, clock, appointmentIds } = await moneyClinic()
  hosts.push(host)
  const file = (bundle ??= await bundleWorker('tests/concurrency/money-race-worker.ts'))
  const args = (i: number, role: string) => [
    host.dataDir,
    clock.now().toISOString(),
    TODAY,
    appointmentIds.join(','),
    String(OPERATIONS),
    String(i * 7919 + 3),
    role,
  ]
  // On PostgreSQL every worker's host joins the test host's database.
  const env: Record<string, string> = host.databaseUrl
    ? { CLINIC_DATABASE_URL: host.databaseUrl }
    : {}
  const workers = await Promise.all([
    ...Array.from({ length: DESKS }, (_, i) => startWorker(file, args(i, 'reception'), env)),
    startWorker(file, args(DESKS, 'admin'), env),
  ])
  for (const w of workers) w.child.stdin!.end('go\n')
  expect(await Promise.all(workers.map((w) => w.done))).toEqual(workers.map(() => 0))

  const acks = noAcks()
  const totals: Record<string, number> = {}
  for (const w of workers) {
    for (const line of w.lines) readAck(acks, line)
    const { codes } = JSON.parse(w.lines.at(-1)!) as { codes: Record<string, number> }
    for (const [code, n] of Object.entries(codes)) totals[code] = (totals[code] ?? 0) + n
  }
  console.log('money race outcomes', totals, {
    payments: acks.payments.size,
    refunds: acks.refunds.size,
    closes: acks.closes.size,
  })
  expect(Object.keys(totals).filter((code) => !EXPECTED_CODES.has(code))).toEqual([])
  // The race did happen: money in and out, double payments and too-large refunds refused, closes.
  expect(acks.payments.size).toBeGreaterThan(DESKS)
  expect(acks.refunds.size).toBeGreaterThan(DESKS)
  expect(acks.closes.size).toBeGreaterThan(1)
  expect(totals.ALREADY_PAID ?? 0).toBeGreaterThan(0)
  expect(totals.REFUND_EXCEEDS_PAID ?? 0).toBeGreaterThan(0)
  return { host, acks }
}

/** Every write was acknowledged (no kills here): the database holds exactly what desks were told. */
export async function expectExactly(sql: Sql, acks: MoneyAcks, host: TestHost): Promise<void> {
  const seen = await expectMoneyExact(sql, acks)
  expect(seen.payments).toBe(acks.payments.size)
  expect(seen.refunds).toBe(acks.refunds.size)
  expect(await host.must(ADMIN, 'audit.verify', {})).toMatchObject({ ok: true })
}
