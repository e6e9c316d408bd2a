import { startPgLeader } from '../../src/main/db/pg/leader'

/**
 * A host's leader in its own OS process, for the failover test: prints "leader" or "follower"
 * whenever that changes, and "ready" once its first try is done. Killed with SIGKILL by the test.
 */
const [url, pollMs] = process.argv.slice(2)
const leader = startPgLeader(url!, {
  pollMs: Number(pollMs),
  name: 'leader-worker',
  onChange: (leads) => console.log(leads ? 'leader' : 'follower'),
})
await leader.decided
console.log('ready')
// Keeps the process alive: the leader's timer is unref'd, as it is inside a host.
setInterval(() => {}, 60_000)
