import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Caller } from '../../src/shared/roles'
import type { Client } from '../../src/main/host/client'
import type { Clock } from '../../src/main/db/clock'
import { createHost, type Host } from '../../src/main/host/create-host'

export const ADMIN: Caller = { role: 'admin', label: 'test-admin' }
export const RECEPTION: Caller = { role: 'reception', label: 'test-desk' }
export const DISPLAY: Caller = { role: 'display', label: 'test-display' }
export const doctorCaller = (doctorId: number): Caller => ({
  role: 'doctor',
  doctorId,
  label: `test-doctor#${doctorId}`,
})

export interface TestHost extends Host {
  readonly dataDir: string
  /** The PostgreSQL database it is on (undefined on SQLite): a second host may join it. */
  readonly databaseUrl: string | undefined
  /** A typed call through the real dispatcher (the host's client). */
  readonly call: Client['call']
  /** Like call, but fails the test (CallFailed) unless the result is ok. */
  readonly must: Client['must']
  dispose(): Promise<void>
}

/** Where hosts store while a suite runs on PostgreSQL (helpers/engines.ts): a fresh database each. */
let nextDatabase: (() => Promise<string>) | undefined
export const useDatabases = (next: (() => Promise<string>) | undefined): void =>
  void (nextDatabase = next)

/**
 * A real host on a real SQLite file in a fresh temporary folder, or, inside forEachEngine's
 * PostgreSQL half, on a fresh PostgreSQL database.
 */
export async function makeTestHost(
  options: { clock?: Clock; demo?: boolean; databaseUrl?: string } = {},
): Promise<TestHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clinicdesk-test-'))
  const databaseUrl = options.databaseUrl ?? (await nextDatabase?.())
  const host = await createHost({ dataDir, ...options, databaseUrl })
  return {
    ...host,
    dataDir,
    databaseUrl,
    call: host.client.call,
    must: host.client.must,
    dispose: async () => {
      await host.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A clock the test moves by hand. */
export function manualClock(
  start: string,
): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(start).getTime()
  return {
    now: () => new Date(now),
    set: (iso) => void (now = new Date(iso).getTime()),
    advance: (ms) => void (now += ms),
  }
}
