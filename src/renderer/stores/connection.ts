import { create } from 'zustand'

export interface ConnectionState {
  readonly status: 'connecting' | 'connected' | 'reconnecting'
  /** Bumped when the host could not replay what was missed: every store re-reads everything. */
  readonly resets: number
}

/** The link to the host, as the connection indicator shows it. Electron's IPC is always connected. */
export const connection = create<ConnectionState>(() => ({ status: 'connecting', resets: 0 }))
