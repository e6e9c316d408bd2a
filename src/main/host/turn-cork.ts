import type { Duplex } from 'node:stream'

/**
 * Corks each socket pushed to until the end of this turn of the event loop (one setImmediate for
 * all of them), so what several commits of one turn push to a socket, and the answers that follow
 * their COMMIT a few microtasks later, leave in one writev instead of one each.
 *
 * Why: a group commit (db/group-commit.ts) runs in the check phase and pushes its frame to every
 * socket there; its callers' answers are written only after the microtasks that resolve them,
 * by which time the request's own hold (hold-writes.ts) has ended. Syscalls are most of what a
 * booking costs the host beyond its COMMIT (bench:ws-profile: `writev` 17 % of self time).
 * The bytes wait for the rest of this turn only: no timer, no other socket's request.
 *
 * @example
 * const cork = turnCork()
 * for (const socket of pushedTo) { cork(socket); send(socket, frame) } // all leave at the turn's end
 */
export function turnCork(): (socket: Duplex) => void {
  const corked = new Set<Duplex>()
  const flush = (): void => {
    for (const socket of corked) socket.uncork()
    corked.clear()
  }
  return (socket) => {
    if (corked.has(socket)) return
    if (corked.size === 0) setImmediate(flush)
    socket.cork()
    corked.add(socket)
  }
}
