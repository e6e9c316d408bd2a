import pg from 'pg'

/**
 * Which host runs the background work that must happen once for the whole clinic (hold expiry,
 * the hourly slot horizon, session close, no-show marking, pruning the change feed).
 */
export interface Leader {
  isLeader(): boolean
  close(): Promise<void>
}

/** SQLite: the host is the only one on its file, so always the leader. */
export const SOLE_HOST: Leader = { isLeader: () => true, close: async () => {} }

/** Any number, fixed: every ClinicDesk host of one database competes for it ("ClnL"). */
export const LEADER_LOCK = 0x436c6e4c

export interface LeaderOptions {
  /** How often a follower tries the lock and the leader checks its session: the takeover bound. */
  readonly pollMs?: number
  /** Shown in pg_stat_activity. */
  readonly name?: string
  /** Told on every change, for the host's log. */
  readonly onChange?: (leader: boolean) => void
}

/**
 * An advisory-lock leader over PostgreSQL: a session-level pg_try_advisory_lock on a dedicated
 * connection. The server releases the lock when that session ends, so when the leader's process
 * dies (or its connection does), another host's next try, within `pollMs`, takes over.
 *
 * The leader checks its session every `pollMs` too, with a query that must answer within half of
 * it: a leader cut off from the server steps down by then, while the server ends the session (and
 * frees the lock) only once it notices the connection is gone, later. The limit: work a leader
 * started just before it was cut off may still be running when another host takes over, so
 * once-only work must also be safe to run twice (it is: each job is one unit of work whose
 * WHERE clauses skip what is already done).
 */
export function startPgLeader(
  url: string,
  options: LeaderOptions = {},
): Leader & {
  /** Settles after the first try: whether this host leads is then known. */
  readonly decided: Promise<void>
} {
  const pollMs = options.pollMs ?? 2000
  let client: pg.Client | undefined
  let leader = false
  let closed = false
  let timer: NodeJS.Timeout | undefined

  const set = (value: boolean): void => {
    if (value === leader) return
    leader = value
    options.onChange?.(value)
  }
  const drop = (lost: pg.Client): void => {
    if (client !== lost) return
    client = undefined
    set(false)
    void lost.end().catch(() => {})
  }

  const tick = async (): Promise<void> => {
    try {
      if (!client) {
        const fresh = new pg.Client({
          connectionString: url,
          application_name: options.name ?? 'clinicdesk-leader',
          keepAlive: true,
          query_timeout: Math.max(pollMs / 2, 100),
        })
        fresh.on('error', () => drop(fresh))
        fresh.on('end', () => drop(fresh))
        client = fresh
        await fresh.connect()
      }
      const current = client
      if (leader) await current.query('SELECT 1')
      else {
        const { rows } = await current.query<{ got: boolean }>(
          'SELECT pg_try_advisory_lock($1) AS got',
          [LEADER_LOCK],
        )
        if (client === current && !closed) set(rows[0]?.got === true)
      }
    } catch {
      // The server is out of reach, or this session is gone with its lock: not the leader.
      if (client) drop(client)
    }
  }
  const loop = async (): Promise<void> => {
    await tick()
    if (!closed) {
      timer = setTimeout(() => void loop(), pollMs)
      timer.unref()
    }
  }
  const decided = loop()

  return {
    decided,
    isLeader: () => leader && !closed,
    async close() {
      closed = true
      clearTimeout(timer)
      await decided
      const last = client
      client = undefined
      set(false)
      // Ending the session frees the lock at once: another host takes over on its next try.
      await last?.end().catch(() => {})
    },
  }
}
