import { systemClock } from '../../src/main/db/clock'
import { Writer, type WriteContext } from '../../src/main/db/write'
import type { Host } from '../../src/main/host/create-host'
import { ADMIN } from './test-host'

/**
 * Commits events through the real write helper on a host's own database and bus, for events
 * whose services are built elsewhere (slots.changed before the booking engine lands).
 */
export function commitEvents(
  host: Pick<Host, 'database' | 'bus'>,
  emit: (emit: WriteContext['emit']) => void,
): Promise<void> {
  return new Writer(host.database, host.bus, systemClock).run(ADMIN, 'test.emit', async (w) =>
    emit(w.emit),
  )
}
