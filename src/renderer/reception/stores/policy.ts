import { create } from 'zustand'
import type { BookingPolicy } from '../../../shared/policy/rules'
import { bridge } from '../../api/bridge'

/** The booking policy the grid shows 未放号 from; re-read on policy.changed. */
export const useReceptionPolicy = create<{ policy: BookingPolicy | null }>(() => ({
  policy: null,
}))

async function reloadPolicy(): Promise<void> {
  const result = await bridge.call('policy.get', {})
  if (result.ok) useReceptionPolicy.setState({ policy: result.value })
}

let started = false

/** Subscribes once for the reception window. */
export function startPolicyFeed(): void {
  if (started) return
  started = true
  bridge.on('policy.changed', () => void reloadPolicy())
  void reloadPolicy()
}
