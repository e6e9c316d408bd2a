import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { create } from 'zustand'
import { bridge } from '../api/bridge'
import { formatClinicTime, type ClinicTimeStyle } from '../../shared/clinic-time'
import { connection } from './connection'

export interface ClinicZoneState {
  /** The clinic's IANA zone from settings.get; undefined until read. */
  readonly timeZone: string | undefined
}

/** The clinic's time zone for every screen; fed by settings.changed from outside React. */
export const useClinicZone = create<ClinicZoneState>(() => ({ timeZone: undefined }))

let latestRequest = 0

/** Re-reads the zone; an answer older than a newer request is dropped. */
export async function reloadClinicZone(): Promise<void> {
  const request = ++latestRequest
  const result = await bridge.call('settings.get', {})
  if (result.ok && request === latestRequest)
    useClinicZone.setState({ timeZone: result.value.settings.timeZone })
}

let started = false

export function startClinicZoneFeed(): void {
  if (started) return
  started = true
  bridge.on('settings.changed', ({ keys }) => {
    if (keys.includes('timeZone')) void reloadClinicZone()
  })
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) void reloadClinicZone()
  })
  void reloadClinicZone()
}

/**
 * Formats instants as the clinic's time in the screen's language; re-renders when either changes.
 * @example const clinicTime = useClinicTime(); clinicTime(account.lastLoginAt) // '2026/12/01 22:06:44'
 */
export function useClinicTime(): (at: string | Date, style?: ClinicTimeStyle) => string {
  const { i18n } = useTranslation()
  const timeZone = useClinicZone((s) => s.timeZone)
  useEffect(startClinicZoneFeed, [])
  return (at, style) => formatClinicTime(at, i18n.language, timeZone, style)
}
