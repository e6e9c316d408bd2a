// npm run bench:booking — bookings/s through the whole host path (dispatch, validation,
// authorization, write helper, audit, events) against a bare better-sqlite3 booking transaction,
// on a fresh database and on the 1M-appointment one (bench/generate-db.ts). Last line:
// "booking full-path/bare: <ratio>" (the lower of the two).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchDbFile } from './generate-db'
import { runBundled } from './run-bundled'

await runBundled('bench/booking-run.ts', [join(mkdtempSync(join(tmpdir(), 'clinicdesk-bench-')), 'fresh.sqlite'), benchDbFile()])
