import { existsSync } from 'node:fs'
import { afterEach, expect, test } from 'vitest'
import { createHost } from '../../src/main/host/create-host'
import { tempDir } from '../helpers/temp-dir'

const dirs: ReturnType<typeof tempDir>[] = []
afterEach(() => {
  delete process.env.CLINIC_DATABASE_URL
  for (const d of dirs.splice(0)) d.remove()
})

test('a host asked for a PostgreSQL server it cannot reach says so, and writes no SQLite file instead', async () => {
  const dir = tempDir()
  dirs.push(dir)
  process.env.CLINIC_DATABASE_URL = 'postgres://clinic:secret@127.0.0.1:1/clinic'
  const refused = createHost({ dataDir: dir.path })
  await expect(refused).rejects.toThrow(/Cannot reach the PostgreSQL server.*127\.0\.0\.1:1/)
  await expect(refused).rejects.not.toThrow(/secret/)
  expect(existsSync(dir.file('clinic.sqlite'))).toBe(false)
})

test('a CLINIC_DATABASE_URL that is not PostgreSQL is refused before anything is opened', async () => {
  const dir = tempDir()
  dirs.push(dir)
  process.env.CLINIC_DATABASE_URL = 'sqlite:///tmp/x'
  await expect(createHost({ dataDir: dir.path })).rejects.toThrow(/postgres:\/\//)
  expect(existsSync(dir.file('clinic.sqlite'))).toBe(false)
})
