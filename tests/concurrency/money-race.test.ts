import { rmSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, expect, test } from 'vitest'
import { TODAY, type Clinic } from '../helpers/booking-fixture'
import { ADMIN } from '../helpers/test-host'
import { bundleWorker } from './bundle-worker'
import { expectMoneyExact, noAcks, readAck } from './money-check'
import { EXPECTED_CODES } from './money-desk'
import { moneyClinic } from './money-fixture'
import { startWorker } from './start-worker'

const DESKS = Number(process.env.RACE_WORKERS ?? 5)
const OPERATIONS = 40
let clinic: Clinic | undefined
let bundle: string | undefined
afterAll(async () => {
  await clinic?.host.dispose()
  if (bundle) rmSync(dirname(bundle), { recursive: true, force: true })
})

test(`${DESKS} desks and an admin, each its own process, pay, refund and close shifts at once: the money is exact`, async () => {
  const made = await moneyClinic()
  clinic = made
  const { host, clock, appointmentIds } = made
  const file = (bundle = await bundleWorker('tests/concurrency/money-race-worker.ts'))
  const args = (i: number, role: string) => [
    host.dataDir,
    clock.now().toISOString(),
    TODAY,
    appointmentIds.join(','),
    String(OPERATIONS),
    String(i * 7919 + 3),
    role,
  ]
  const workers = await Promise.all([
    ...Array.from({ length: DESKS }, (_, i) => startWorker(file, args(i, 'reception'))),
    startWorker(file, args(DESKS, 'admin')),
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

  const db = new BetterSqlite3(host.file, { readonly: true })
  try {
    const seen = expectMoneyExact(db, acks)
    // Every write was acknowledged (no kills here): the file holds exactly what desks were told.
    expect(seen.payments).toBe(acks.payments.size)
    expect(seen.refunds).toBe(acks.refunds.size)
  } finally {
    db.close()
  }
  expect(await host.must(ADMIN, 'audit.verify', {})).toMatchObject({ ok: true })
}, 60_000)
