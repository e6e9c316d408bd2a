import { create } from 'zustand'
import type { ScheduleTemplate } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { hostAction } from '../../api/host-action'
import { connection } from '../../stores/connection'

export interface AdminTemplatesState {
  readonly loaded: boolean
  /** Every doctor's weekly sessions: a clinic has tens, not thousands. */
  readonly templates: readonly ScheduleTemplate[]
  readonly error: AppErrorShape | null
}

/** Weekly sessions for the admin's session editor; fed by templates.changed from outside React. */
export const useAdminTemplates = create<AdminTemplatesState>(() => ({
  loaded: false,
  templates: [],
  error: null,
}))

let latestRequest = 0

export async function reloadTemplates(): Promise<void> {
  const request = ++latestRequest
  const result = await bridge.call('templates.list', {})
  if (request !== latestRequest) return
  if (result.ok) useAdminTemplates.setState({ loaded: true, templates: result.value, error: null })
  else useAdminTemplates.setState({ error: result.error })
}

let started = false

/** Started when the sessions page first opens, so other pages cost nothing. */
export function startTemplatesFeed(): void {
  if (started) return
  started = true
  bridge.on('templates.changed', () => void reloadTemplates())
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) void reloadTemplates()
  })
  void reloadTemplates()
}

// Weekly sessions and the bands made from them; the list follows by templates.changed.
export const saveTemplate = hostAction('templates.save')
export const removeTemplate = hostAction('templates.remove')
export const generateSlots = hostAction('schedules.generate')
export const slotsForDoctorDay = hostAction('slots.forDoctorDay')
