import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/**
 * A throw-away PostgreSQL cluster for one test file: initdb in a temporary folder, a free port on
 * 127.0.0.1, trust auth, stopped by its data folder at the end (never by name: other helpers'
 * clusters run on the same machine). initdb refuses root, so as root it runs as the postgres user.
 * When the binaries are absent, `skip` says why and the PG variants are reported skipped.
 */
export interface PgCluster {
  /** postgres://… of a fresh database on the cluster; each call makes another. */
  database(name?: string): Promise<string>
  /** `pg_ctl stop -m immediate`: the server dies as in a power cut (no checkpoint, recovery on start). */
  crash(): void
  /** Starts the server again on the same data folder and port (after crash), waiting until it accepts. */
  start(): void
  stop(): void
}

const BIN = process.env.CLINIC_PG_BIN ?? '/usr/lib/postgresql/15/bin'

export const pgSkipReason: string | undefined = existsSync(join(BIN, 'initdb'))
  ? undefined
  : `PostgreSQL binaries not found in ${BIN} (apt-get install postgresql, or set CLINIC_PG_BIN)`

export async function startPgCluster(): Promise<PgCluster> {
  if (pgSkipReason) throw new Error(pgSkipReason)
  const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-pg-'))
  chmodSync(dir, 0o777)
  const data = join(dir, 'pg')
  const port = await freePort()
  const asPostgres = process.getuid?.() === 0
  const run = (tool: string, args: string[]): void => {
    const [file, argv] = asPostgres
      ? ['runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]]
      : [join(BIN, tool), args]
    execFileSync(file, argv, { stdio: 'pipe' })
  }
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
  const start = (): void =>
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'pg.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
      'start',
    ])
  start()
  const base = `postgres://postgres@127.0.0.1:${port}`
  let n = 0
  return {
    async database(name = `clinic_${++n}`) {
      const admin = new pg.Client({ connectionString: `${base}/postgres` })
      await admin.connect()
      try {
        await admin.query(`CREATE DATABASE ${name}`)
      } finally {
        await admin.end()
      }
      return `${base}/${name}`
    },
    crash() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'])
    },
    start,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

/** A port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
