// npm run bench:reports — reports.summary through the whole host path (dispatch, validation, role,
// service, the report reader's worker and read-only connection, folding into figures) against the
// same aggregates as hand-written SQL on a bare connection, for a month and a year of the
// 1M-appointment database; and bookings' latency while a year's report runs against idle.
// Set CLINIC_BENCH_DB to reuse a database built by bench/generate-db.ts.
import BetterSqlite3 from 'better-sqlite3'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchDbFile, generateDb } from './generate-db'
import { runBundled } from './run-bundled'

const big = benchDbFile()
if (!existsSync(big)) {
  const t = generateDb(big)
  console.log(`built ${big} in ${(t.totalMs / 1000).toFixed(1)} s`)
}

/**
 * The generated history as a report needs it, built once beside it: the generator records no
 * call or visit times, and databases it built before its patient draw was fixed reach only ~3,300
 * of the 100,000 patients, ~300 visits each, which leads SQLite's planner to a skip-scan of
 * appointments_one_live instead of the date index. Here each completed visit gets a
 * wait (0–60 min) and a length (5–30 min), and the appointments are spread over every patient
 * (~10 each, as a clinic's history looks), then ANALYZE runs again.
 */
const prepared = big.replace(/\.sqlite$/, '') + '-reports.sqlite'
if (!existsSync(prepared)) {
  const t0 = performance.now()
  const partial = `${prepared}.partial`
  rmSync(partial, { force: true })
  copyFileSync(big, partial)
  const db = new BetterSqlite3(partial)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = OFF')
  const max = (db.prepare('SELECT max(id) AS n FROM patients').get() as { n: number }).n
  // Moving every row to another patient would fire the first-visit trigger (migration 0018) a
  // million times: it is set aside for the move and the kept days are worked out once after it.
  const trigger = db
    .prepare(`SELECT sql FROM sqlite_master WHERE name = 'appointments_first_visit_update'`)
    .get() as { sql: string } | undefined
  db.transaction(() => {
    if (trigger) db.exec('DROP TRIGGER appointments_first_visit_update')
    db.prepare('UPDATE appointments SET patient_id = 1 + ((id * 48271) % ?)').run(max)
    if (trigger) {
      db.exec(trigger.sql)
      db.exec(`DELETE FROM patient_first_visits;
        INSERT INTO patient_first_visits (patient_id, first_date)
        SELECT patient_id, min(date) FROM (
          SELECT patient_id, date FROM appointments WHERE status <> 'CANCELED'
          UNION ALL SELECT patient_id, date FROM appointments_archive WHERE status <> 'CANCELED'
        ) v GROUP BY patient_id`)
    }
    db.exec(`UPDATE appointments SET
        called_at = strftime('%Y-%m-%dT%H:%M:%fZ', julianday(checked_in_at) + (abs(random()) % 3600) / 86400.0)
      WHERE status = 'COMPLETED'`)
    db.exec(`UPDATE appointments SET
        started_at = strftime('%Y-%m-%dT%H:%M:%fZ', julianday(called_at) + 60 / 86400.0),
        completed_at = strftime('%Y-%m-%dT%H:%M:%fZ', julianday(called_at) + (360 + abs(random()) % 1500) / 86400.0)
      WHERE status = 'COMPLETED'`)
  })()
  db.exec('ANALYZE')
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  rmSync(`${partial}-wal`, { force: true })
  rmSync(`${partial}-shm`, { force: true })
  copyFileSync(partial, prepared)
  rmSync(partial)
  console.log(`prepared ${prepared} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}

// Bookings use up free bands: each run works on its own copy.
const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-bench-'))
copyFileSync(prepared, join(dir, 'big.sqlite'))
try {
  await runBundled('bench/reports-run.ts', [join(dir, 'big.sqlite')])
} finally {
  rmSync(dir, { recursive: true, force: true })
}
