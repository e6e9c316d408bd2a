// node scripts/run-ts.mjs bench/group-commit.ts — bookings/s through the whole host path with
// 1, 2, 4, 8 and 16 callers booking at once in one host (as desks and LAN screens do), and how
// many bookings each COMMIT carried (src/main/db/group-commit.ts). BENCH_PER_LEVEL, BENCH_REPEATS change the run.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runBundled } from './run-bundled'

const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-group-'))
try {
  await runBundled('bench/group-commit-run.ts', [join(dir, 'fresh.sqlite')])
} finally {
  rmSync(dir, { recursive: true, force: true })
}
