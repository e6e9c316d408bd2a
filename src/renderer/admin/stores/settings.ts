import { create } from 'zustand'
import type { ClinicSettings } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { hostAction } from '../../api/host-action'
import { connection } from '../../stores/connection'

export interface AdminSettingsState {
  readonly settings: ClinicSettings | null
  /** Today in the clinic's time zone, from the host's clock (never the PC's). */
  readonly today: string | null
  readonly error: AppErrorShape | null
}

/** The clinic's settings as the admin app shows them; fed by settings.changed from outside React. */
export const useAdminSettings = create<AdminSettingsState>(() => ({
  settings: null,
  today: null,
  error: null,
}))

let latestRequest = 0

/** Re-reads the settings; an answer older than a newer request is dropped. */
export async function reloadSettings(): Promise<void> {
  const request = ++latestRequest
  const result = await bridge.call('settings.get', {})
  if (request !== latestRequest) return
  if (result.ok)
    useAdminSettings.setState({
      settings: result.value.settings,
      today: result.value.today,
      error: null,
    })
  else useAdminSettings.setState({ error: result.error })
}

let started = false

export function startSettingsFeed(): void {
  if (started) return
  started = true
  bridge.on('settings.changed', () => void reloadSettings())
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) void reloadSettings()
  })
  void reloadSettings()
}

// Rules and backups; the form follows by settings.changed.
export const updateSettings = hostAction('settings.update')
/** One read of the settings with the host's today and now (the feed keeps the store current). */
export const readSettings = hostAction('settings.get')
export const listBackups = hostAction('backup.list')
export const createBackup = hostAction('backup.create')
