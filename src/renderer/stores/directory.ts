import { create } from 'zustand'
import type { Department, Doctor, Room } from '../../shared/contract'
import { bridge } from '../api/bridge'
import { connection } from './connection'

export interface DirectoryState {
  readonly loaded: boolean
  readonly departments: readonly Department[]
  readonly doctors: readonly Doctor[]
  readonly rooms: readonly Room[]
}

/** Departments, doctors and rooms, shared by every screen's pickers; fed by directory.changed from outside React. */
export const useDirectory = create<DirectoryState>(() => ({
  loaded: false,
  departments: [],
  doctors: [],
  rooms: [],
}))

let latestRequest = 0

/** Re-reads the directory; an answer older than a newer request is dropped (newer wins). */
export async function reloadDirectory(): Promise<void> {
  const request = ++latestRequest
  const result = await bridge.call('directory.get', {})
  if (result.ok && request === latestRequest)
    useDirectory.setState({ loaded: true, ...result.value })
}

let started = false

export function startDirectoryFeed(): void {
  if (started) return
  started = true
  bridge.on('directory.changed', () => void reloadDirectory())
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) void reloadDirectory()
  })
  void reloadDirectory()
}
