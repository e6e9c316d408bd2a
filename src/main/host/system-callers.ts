import type { Caller } from '../../shared/roles'

/**
 * The host acting on its own, as the audit log names it. Each is an explicit admin caller that
 * goes through the dispatcher like any window, so it is authorized like one; none comes from a
 * connection, so none can sign in or out.
 */
export const SYSTEM_CALLERS = {
  /** Slot generation at start and hourly, the daily backup. */
  host: { role: 'admin', label: 'host' },
  /** What the host reads to print its screens' addresses or build its menu. */
  console: { role: 'admin', label: 'console' },
  /** The demo clinic and its accounts (--demo, or first-run setup with loadDemo). */
  demoLoader: { role: 'admin', label: 'demo-loader' },
  /** First-run setup's own steps after its account check (the clinic's name and zone). */
  setup: { role: 'admin', label: 'setup' },
} as const satisfies Record<string, Caller>
