// A throw-away PostgreSQL 15 cluster for bench:concurrency (ENVIRONMENT.md, "PostgreSQL"): initdb
// and pg_ctl as the postgres user on a temporary folder and a free port, default durability
// (fsync on, synchronous_commit on). Stopped by its data folder, never by process name.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const BIN = process.env.BENCH_PG_BIN ?? '/usr/lib/postgresql/15/bin'
/** Linux's clock ticks per second in /proc/<pid>/stat (getconf CLK_TCK is 100 on every common kernel). */
const CLK_TCK = 100

export interface PgCluster {
  readonly port: number
  readonly dataDir: string
  /** A connection string for this database on the cluster (user postgres, trust auth). */
  url(database: string): string
  /** CPU time (ms) used so far by the postmaster and every process it started (backends, WAL writer, …). */
  cpuMs(): number
  stop(): void
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

// initdb refuses to run as root, so every pg binary runs as the postgres user (when we are root).
const asPostgres = (bin: string, args: string[]): void => {
  const root = process.getuid?.() === 0
  execFileSync(
    root ? 'runuser' : join(BIN, bin),
    root ? ['-u', 'postgres', '--', join(BIN, bin), ...args] : args,
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
}

/** utime + stime in ms of one process, 0 when it has gone. */
const processCpuMs = (pid: number): number => {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK
  } catch {
    return 0
  }
}
const parentOf = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return -1
  }
}

/** `settings`: more server settings (`-c name=value`), e.g. pg_stat_statements for bench:pg-statements. */
export async function startPgCluster(settings: Record<string, string> = {}): Promise<PgCluster> {
  if (!existsSync(join(BIN, 'initdb')))
    throw new Error(`no PostgreSQL in ${BIN}: apt-get install -y postgresql (or set BENCH_PG_BIN)`)
  const dir = mkdtempSync(join(tmpdir(), 'clinicdesk-pg-'))
  chmodSync(dir, 0o777)
  const dataDir = join(dir, 'pg')
  const port = await freePort()
  // By its pid file, not by a flag: a Ctrl+C during pg_ctl start may leave a postmaster behind
  // although start failed; and one already stopped has no pid file left.
  const stop = (): void => {
    try {
      if (existsSync(join(dataDir, 'postmaster.pid')))
        asPostgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  try {
    asPostgres('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ])
    // max_connections: one pooled connection per bench client (32) and the bench's own.
    asPostgres('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(dir, 'pg.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100` +
        Object.entries(settings)
          .map(([name, value]) => ` -c ${name}=${value}`)
          .join(''),
      'start',
    ])
  } catch (e) {
    stop()
    throw e
  }
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
  return {
    port,
    dataDir,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    cpuMs: () => {
      let total = processCpuMs(postmaster)
      for (const name of readdirSync('/proc')) {
        const pid = Number(name)
        if (pid > 0 && parentOf(pid) === postmaster) total += processCpuMs(pid)
      }
      return total
    },
    stop,
  }
}
