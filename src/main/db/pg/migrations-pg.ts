import { parseMigrations, type Migration } from '../migrations'

/**
 * The numbered SQL files of db/migrations-pg, bundled by Vite like db/migrations. One file per
 * SQLite number, same name: the parity test (tests/unit/pg-parity.test.ts) holds them in step.
 */
const files = import.meta.glob<string>('/db/migrations-pg/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
})

export const PG_MIGRATIONS: readonly Migration[] = parseMigrations(files)
