import type { Duplex } from 'node:stream'

/**
 * Holds a socket's outgoing bytes from the moment a request arrives on it until its answer is
 * written, or the event loop's turn ends, whichever comes first; returns the release (safe to
 * call more than once).
 *
 * Why: a booking's commit pushes its events to the desk that booked before the answer follows a
 * few microtasks later, and every WebSocket frame written alone is a writev syscall of its own.
 * Syscalls are most of the host's CPU per booking (bench:ws-profile under strace: ~17 writev, ~29
 * pwrite and one fsync per booking), so the events and the answer leave together, in one.
 * Nothing waits longer than the turn in which the request was read: a request that waits for
 * the database lets go of the socket when that turn ends.
 *
 * @example
 * const release = holdWrites(socket)
 * await answer(request) // frames written meanwhile are corked
 * release()             // one write
 */
export function holdWrites(socket: Duplex): () => void {
  socket.cork()
  let held = true
  const release = (): void => {
    if (!held) return
    held = false
    socket.uncork()
  }
  setImmediate(release)
  return release
}
