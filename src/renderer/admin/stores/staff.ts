import { create } from 'zustand'
import type { SigninLimit, StaffAccount } from '../../../shared/contract'
import type { AppErrorShape } from '../../../shared/errors'
import { bridge } from '../../api/bridge'
import { hostAction } from '../../api/host-action'
import { connection } from '../../stores/connection'

export interface AdminStaffState {
  readonly loaded: boolean
  readonly accounts: readonly StaffAccount[]
  /** Sign-in delays now counting (accounts, computers, devices), for the admin to see and lift. */
  readonly limits: readonly SigninLimit[]
  readonly error: AppErrorShape | null
}

/** Staff accounts for the admin's account page; fed by staff.changed (a lockout too) from outside React. */
export const useAdminStaff = create<AdminStaffState>(() => ({
  loaded: false,
  accounts: [],
  limits: [],
  error: null,
}))

let latestRequest = 0

export async function reloadStaff(): Promise<void> {
  const request = ++latestRequest
  const [result, limits] = await Promise.all([
    bridge.call('staff.list', {}),
    bridge.call('staff.signinLimits', {}),
  ])
  if (request !== latestRequest) return
  if (!result.ok) return useAdminStaff.setState({ error: result.error })
  if (!limits.ok) return useAdminStaff.setState({ error: limits.error })
  useAdminStaff.setState({
    loaded: true,
    accounts: result.value,
    limits: limits.value,
    error: null,
  })
}

let started = false

/** Started when the account page first opens. */
export function startStaffFeed(): void {
  if (started) return
  started = true
  bridge.on('staff.changed', () => void reloadStaff())
  connection.subscribe((now, before) => {
    if (now.resets !== before.resets) void reloadStaff()
  })
  void reloadStaff()
}

// What the account page does; the list follows by staff.changed.
export const createStaff = hostAction('staff.create')
export const updateStaff = hostAction('staff.update')
export const resetStaffSecret = hostAction('staff.resetSecret')
export const unlockStaff = hostAction('staff.unlock')
