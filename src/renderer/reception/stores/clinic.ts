import { create } from 'zustand'
import type { ClinicSettings } from '../../../shared/contract'
import { bridge } from '../../api/bridge'
import { connection } from '../../stores/connection'

export interface ClinicState {
  readonly loaded: boolean
  readonly settings: ClinicSettings | null
  /** Today in the clinic's time zone, as the host says (never the PC's own date). */
  readonly today: string
  /** Host clock minus this PC's clock: hold countdowns follow the host, which expires holds. */
  readonly clockOffsetMs: number
}

/** The clinic's settings and "today" for the reception screen; fed by settings.changed from outside React. */
export const useClinic = create<ClinicState>(() => ({
  loaded: false,
  settings: null,
  today: '',
  clockOffsetMs: 0,
}))

/** Now on the host's clock, in ms. */
export const hostNow = (): number => Date.now() + useClinic.getState().clockOffsetMs

let latest = 0

export async function reloadClinic(): Promise<void> {
  const request = ++latest
  const sentAt = Date.now()
  const result = await bridge.call('settings.get', {})
  if (!result.ok || request !== latest) return
  // Half the round trip is the best guess of when the host read its clock.
  const localAtRead = (sentAt + Date.now()) / 2
  useClinic.setState({
    loaded: true,
    settings: result.value.settings,
    today: result.value.today,
    clockOffsetMs: Date.parse(result.value.now) - localAtRead,
  })
}

let started = false

/** Subscribes once; re-reads every few minutes too, so "today" rolls over at midnight. */
export function startClinicFeed(): void {
  if (started) return
  started = true
  bridge.on('settings.changed', () => void reloadClinic())
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) void reloadClinic()
  })
  setInterval(() => void reloadClinic(), 5 * 60_000)
  void reloadClinic()
}
