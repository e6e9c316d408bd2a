import { systemClock } from '../../src/main/db/clock'
import { Writer, type WriteContext } from '../../src/main/db/write'
import type { Host } from '../../src/main/host/create-host'
import { ADMIN } from './test-host'

/**
 * Commits events through the real write helper on a host's own database and bus, for events
 * whose services are built elsewhere (slots.changed before the booking engine lands).
 */
export function commitEvents(
  host: Pick<Host, 'database' | 'bus'> & Partial<Pick<Host, 'writer'>>,
  emit: (emit: WriteContext['emit']) => void,
): Promise<void> {
  // On PostgreSQL only the host's own writer can commit (its events go through the change feed).
  const writer =
    host.writer?.engine === 'postgres'
      ? host.writer
      : new Writer(host.database, host.bus, systemClock)
  return writer.run(ADMIN, 'test.emit', async (w) => emit(w.emit))
}
